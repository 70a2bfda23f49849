// The `silkgraph` binary: everything lives in the sg_shell library so tests can reach it.
#include "shell/cli.h"

int main(int argc, char** argv) {
  return silkgraph::shell::runMain(argc, argv);
}
