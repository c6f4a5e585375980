#ifndef TFWIZARD_CPTY_H
#define TFWIZARD_CPTY_H
#include <sys/types.h>

/* Spawns `path` (an absolute path: the caller resolves PATH) with argv/envp in a new session whose
 * controlling terminal is a fresh pty of rows x cols. On success returns 0 and sets *master_fd and
 * *pid; the child is the leader of its own process group (pgid == pid). On failure returns -1 with
 * *error_number set: errno of openpty/fork, or of chdir/execve in the child, sent back through a
 * close-on-exec pipe. No code but async-signal-safe calls runs in the child. */
int tfw_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                  unsigned short rows, unsigned short cols,
                  int *master_fd, pid_t *pid, int *error_number);

/* Like tfw_spawn_pty without a terminal: stdin is /dev/null, stdout and stderr go to one pipe whose
 * read end is *output_fd. The child leads its own process group. */
int tfw_spawn_pipe(const char *path, char *const argv[], char *const envp[], const char *cwd,
                   int *output_fd, pid_t *pid, int *error_number);

/* Sets the window size of a pty (the child gets SIGWINCH). */
int tfw_set_winsize(int fd, unsigned short rows, unsigned short cols);

/* Blocks until child `pid` has ended, without reaping it: its pid, and so its process group id, stay
 * reserved until tfw_reap, which makes signalling the group safe. *kind is 1 when it exited (*value:
 * the exit code) or 2 when a signal ended it (*value: the signal). Returns 0, or -1 with errno set. */
int tfw_wait_ended(pid_t pid, int *kind, int *value);

/* Reaps an ended child (after tfw_wait_ended). Returns 0, or -1 with errno set. */
int tfw_reap(pid_t pid);

#endif
