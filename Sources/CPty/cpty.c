#define _GNU_SOURCE
#include "cpty.h"
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>
#include <sys/syscall.h>
#include <sys/resource.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* In the child: default signal dispositions and an empty mask, so a child of a program that ignores
 * or blocks signals still reacts to TERM/INT. */
static void reset_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    for (int signal_number = 1; signal_number < NSIG; signal_number++) {
        if (signal_number == SIGKILL || signal_number == SIGSTOP) continue;
        sigaction(signal_number, &action, NULL);
    }
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
}

/* In the child: every descriptor above stderr is closed on exec, so the command cannot inherit the
 * parent's files, or another step's pty opened by a concurrent spawn. The report pipe is already
 * close-on-exec and stays usable until execve. */
static void close_inherited_on_exec(void) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif
    struct rlimit limit;
    int highest = 4096;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 65536)
        highest = (int)limit.rlim_cur;
    for (int fd = 3; fd < highest; fd++) {
        int flags = fcntl(fd, F_GETFD);
        if (flags >= 0 && !(flags & FD_CLOEXEC)) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
}

static void child_fail(int report_fd) {
    int code = errno;
    ssize_t ignored = write(report_fd, &code, sizeof code);
    (void)ignored;
    _exit(127);
}

/* Waits for the child's exec report: EOF means exec succeeded. */
static int await_exec(int report_fd, pid_t child, int *error_number) {
    int code = 0;
    ssize_t got;
    do { got = read(report_fd, &code, sizeof code); } while (got < 0 && errno == EINTR);
    close(report_fd);
    if (got == (ssize_t)sizeof code) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        *error_number = code;
        return -1;
    }
    *error_number = 0;
    return 0;
}

int tfw_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                  unsigned short rows, unsigned short cols,
                  int *master_fd, pid_t *pid, int *error_number) {
    int master = -1, slave = -1;
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows ? rows : 24;
    size.ws_col = cols ? cols : 80;
    if (openpty(&master, &slave, NULL, NULL, &size) != 0) { *error_number = errno; return -1; }
    fcntl(master, F_SETFD, FD_CLOEXEC);
    fcntl(slave, F_SETFD, FD_CLOEXEC);   /* login_tty dups it to 0-2, which clears the flag there */
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        *error_number = errno; close(master); close(slave); return -1;
    }
    pid_t child = fork();
    if (child < 0) {
        *error_number = errno;
        close(master); close(slave); close(report[0]); close(report[1]);
        return -1;
    }
    if (child == 0) {
        close(report[0]);
        close(master);
        reset_signals();
        /* login_tty: setsid, make the slave the controlling tty, dup it to 0/1/2. */
        if (login_tty(slave) != 0) child_fail(report[1]);
        if (cwd && chdir(cwd) != 0) child_fail(report[1]);
        close_inherited_on_exec();
        execve(path, argv, envp);
        child_fail(report[1]);
    }
    close(slave);
    close(report[1]);
    if (await_exec(report[0], child, error_number) != 0) { close(master); return -1; }
    *master_fd = master;
    *pid = child;
    return 0;
}

int tfw_spawn_pipe(const char *path, char *const argv[], char *const envp[], const char *cwd,
                   int *output_fd, pid_t *pid, int *error_number) {
    int output[2], report[2];
    if (pipe2(output, O_CLOEXEC) != 0) { *error_number = errno; return -1; }
    if (pipe2(report, O_CLOEXEC) != 0) {
        *error_number = errno; close(output[0]); close(output[1]); return -1;
    }
    pid_t child = fork();
    if (child < 0) {
        *error_number = errno;
        close(output[0]); close(output[1]); close(report[0]); close(report[1]);
        return -1;
    }
    if (child == 0) {
        close(report[0]);
        reset_signals();
        setpgid(0, 0);
        int null_fd = open("/dev/null", O_RDONLY);
        if (null_fd < 0) child_fail(report[1]);
        if (dup2(null_fd, 0) < 0 || dup2(output[1], 1) < 0 || dup2(output[1], 2) < 0) child_fail(report[1]);
        if (cwd && chdir(cwd) != 0) child_fail(report[1]);
        close_inherited_on_exec();
        execve(path, argv, envp);
        child_fail(report[1]);
    }
    setpgid(child, child); /* also in the parent, so the group exists before anyone signals it */
    close(output[1]);
    close(report[1]);
    if (await_exec(report[0], child, error_number) != 0) { close(output[0]); return -1; }
    *output_fd = output[0];
    *pid = child;
    return 0;
}

int tfw_set_winsize(int fd, unsigned short rows, unsigned short cols) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = cols;
    return ioctl(fd, TIOCSWINSZ, &size);
}

int tfw_wait_ended(pid_t pid, int *kind, int *value) {
    siginfo_t info;
    for (;;) {
        memset(&info, 0, sizeof info);
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) == 0) break;
        if (errno != EINTR) return -1;
    }
    if (info.si_code == CLD_EXITED) { *kind = 1; *value = info.si_status; }
    else { *kind = 2; *value = info.si_status; }
    return 0;
}

int tfw_reap(pid_t pid) {
    int status;
    for (;;) {
        if (waitpid(pid, &status, 0) >= 0) return 0;
        if (errno != EINTR) return -1;
    }
}
