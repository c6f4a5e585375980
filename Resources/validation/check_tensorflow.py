# tfwizard's validation program: run with the new environment's python.
# Prints marker lines that tfwizard parses; anything else is ordinary log output.
import sys

try:
    import tensorflow as tf
except Exception as error:  # an import failure is the most common broken install
    print("TFWIZARD_IMPORT_ERROR=%s: %s" % (type(error).__name__, error), flush=True)
    raise

print("TFWIZARD_VERSION=%s" % tf.__version__, flush=True)
total = tf.reduce_sum(tf.random.normal([1000, 1000]))
print("TFWIZARD_REDUCE_SUM=%.4f" % float(total.numpy()), flush=True)
gpus = tf.config.list_physical_devices("GPU")
print("TFWIZARD_GPUS=%s" % ",".join(device.name for device in gpus), flush=True)
print("TFWIZARD_OK", flush=True)
sys.exit(0)
