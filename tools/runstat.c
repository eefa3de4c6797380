/*
 * runstat.c — runs a command and prints its wall time, user CPU time and
 * peak resident memory, for the benchmarks (no timing in tests).
 *
 * usage: runstat [-i INPUT] [-o OUTPUT] COMMAND ARGS...
 * prints: "wall_s user_s maxrss_kb" on standard error's last line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *in = NULL, *out = "/dev/null";
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (strcmp(argv[i], "-i") == 0) in = argv[i + 1];
        else if (strcmp(argv[i], "-o") == 0) out = argv[i + 1];
        else break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: runstat [-i IN] [-o OUT] COMMAND...\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        if (in) {
            int fd = open(in, O_RDONLY);
            if (fd < 0 || dup2(fd, 0) < 0) _exit(127);
        }
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0 || dup2(fo, 1) < 0) _exit(127);
        execvp(argv[i], argv + i);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    fprintf(stderr, "%.4f %.4f %ld\n", wall, user, ru.ru_maxrss);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
