/*
 * main.c — the parley command: dispatches to one file per subcommand.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"sentences", cmd_sentences, "split documents into sentences"},
    {"tokens", cmd_tokens, "tokenize documents (UD English conventions)"},
    {"parse", cmd_parse, "tag, lemmatize and parse documents (CoNLL-U)"},
    {"actors", cmd_actors, "find actors: names, compounds, agents, coreference"},
    {"dict", cmd_dict, "dictionary tools: import PETRARCH files, check"},
    {"code", cmd_code, "code the political events of articles (CAMEO, PLOVER, GDELT)"},
    {"explain", cmd_explain, "show the parse, actors and patterns behind each event"},
    {"places", cmd_places, "list the places documents name, resolved with coordinates"},
    {"ingest", cmd_ingest, "code articles into an SQLite event store (merged across articles)"},
    {"query", cmd_query, "select stored events by date, actor, code, source or words"},
    {"stats", cmd_stats, "event counts and Goldstein sums by day, dyad and quad class"},
    {"report", cmd_report, "a self-contained HTML report: timeline, dyads, map, events"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void help(FILE *f) {
    fputs("usage: parley COMMAND [options] FILE...\n"
          "\n"
          "parley turns news articles into political event data.\n"
          "\n"
          "commands:\n",
          f);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'parley COMMAND --help' describes a command; 'parley --version' prints\n"
          "the version.\n",
          f);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        help(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        if (strcmp(cmd, "help") == 0 && argc > 2) {
            for (size_t i = 0; i < NCOMMANDS; i++)
                if (strcmp(commands[i].name, argv[2]) == 0) {
                    char *h[] = {"--help"};
                    return commands[i].fn(1, h);
                }
        }
        help(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("parley %s\n", PARLEY_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, cmd) == 0)
            return commands[i].fn(argc - 2, argv + 2);
    fprintf(stderr, "parley: unknown command '%s' (see 'parley --help')\n", cmd);
    return EXIT_USAGE;
}
