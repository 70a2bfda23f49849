// Ctrl-C while a script runs (-c, -f, standard input): SIGINT cancels the running statement
// (the engine rolls it back) instead of killing the process, and the script stops there;
// runMain then exits with status 130 (128 + SIGINT), as shells report an interrupted command.
// A second Ctrl-C before the script has stopped kills the process the usual way.
#pragma once

#include <csignal>

#include "shell/session.h"

namespace silkgraph::shell {

class ScriptInterrupt {
 public:
  // Installs the handler for `session` until destroyed (the previous one is restored).
  explicit ScriptInterrupt(Session& session);
  ~ScriptInterrupt();
  ScriptInterrupt(const ScriptInterrupt&) = delete;
  ScriptInterrupt& operator=(const ScriptInterrupt&) = delete;

  // Whether Ctrl-C was pressed since the handler was installed.
  bool interrupted() const;

  static constexpr int kExitStatus = 130;

 private:
  struct sigaction previous_ {};
  bool installed_ = false;
};

}  // namespace silkgraph::shell
