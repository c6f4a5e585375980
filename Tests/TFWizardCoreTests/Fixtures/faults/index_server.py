"""A tiny PEP 503 package index on 127.0.0.1 serving one wheel it builds itself, for fault tests.

usage: index_server.py WORKDIR PORT [BIG_MB]
Writes WORKDIR/port when listening. WORKDIR/mode holds "ok" (default) or "stall-body": the wheel's
headers and half its bytes are sent, then the connection goes quiet (a server that stops mid-download);
"busy-N" drops the first N requests for the project page without an answer (pip warns and retries), then
serves as "ok".
BIG_MB adds a file of that many megabytes of zeros to the wheel (small to download, large unpacked).
"""
import base64, hashlib, http.server, os, sys, time, zipfile

workdir, port = sys.argv[1], int(sys.argv[2])
big_mb = int(sys.argv[3]) if len(sys.argv) > 3 else 0
name, version = "tinypkg", "0.1"
wheel_name = f"{name}-{version}-py3-none-any.whl"
wheel_path = os.path.join(workdir, wheel_name)

def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"

files = {f"{name}/__init__.py": b"VALUE = 42\n"}
if big_mb:
    files[f"{name}/blob.bin"] = bytes(big_mb << 20)
info = f"{name}-{version}.dist-info"
files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
with zipfile.ZipFile(wheel_path, "w", zipfile.ZIP_DEFLATED) as wheel:
    lines = []
    for path, data in files.items():
        wheel.writestr(path, data)
        lines.append(record_line(path, data))
    lines.append(f"{info}/RECORD,,")
    wheel.writestr(f"{info}/RECORD", "\n".join(lines) + "\n")
wheel_bytes = open(wheel_path, "rb").read()
wheel_hash = hashlib.sha256(wheel_bytes).hexdigest()

class Handler(http.server.BaseHTTPRequestHandler):
    def send_text(self, text):
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def busy(self):
        mode_path = os.path.join(workdir, "mode")
        mode = open(mode_path).read().strip() if os.path.exists(mode_path) else "ok"
        if not mode.startswith("busy-"):
            return False
        left = int(mode[len("busy-"):])
        with open(mode_path, "w") as f:
            f.write(f"busy-{left - 1}" if left > 1 else "ok")
        self.close_connection = True   # no status line at all: the client sees the connection drop
        return True

    def do_GET(self):
        if self.path.rstrip("/") == f"/simple/{name}" and self.busy():
            return
        if self.path.rstrip("/") == "/simple":
            return self.send_text(f'<html><body><a href="/simple/{name}/">{name}</a></body></html>')
        if self.path.rstrip("/") == f"/simple/{name}":
            return self.send_text(f'<html><body><a href="/files/{wheel_name}#sha256={wheel_hash}">{wheel_name}</a></body></html>')
        if self.path == f"/files/{wheel_name}":
            mode = open(os.path.join(workdir, "mode")).read().strip() if os.path.exists(os.path.join(workdir, "mode")) else "ok"
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(wheel_bytes)))
            self.end_headers()
            if mode == "stall-body":
                self.wfile.write(wheel_bytes[: len(wheel_bytes) // 2])
                self.wfile.flush()
                time.sleep(3600)
            self.wfile.write(wheel_bytes)
            return
        self.send_error(404)

    def log_message(self, *args):
        pass

class Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True

server = Server(("127.0.0.1", port), Handler)
with open(os.path.join(workdir, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(workdir, "port.tmp"), os.path.join(workdir, "port"))
server.serve_forever()
