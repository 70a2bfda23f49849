// Implements shell/script_interrupt.h. The handler only stores to atomics (async-signal-safe)
// and, on a second Ctrl-C, restores the default action and raises the signal again.
#include "shell/script_interrupt.h"

#include <atomic>

namespace silkgraph::shell {

namespace {

std::atomic<bool>* gCancel = nullptr;
std::atomic<int> gHits{0};  // lock-free, so usable in a signal handler

void onSigint(int sig) {
  if (gHits.fetch_add(1) > 0) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  if (gCancel) gCancel->store(true);
}

}  // namespace

ScriptInterrupt::ScriptInterrupt(Session& session) {
  gCancel = &session.cancelFlag();
  gHits.store(0);
  session.setStopOnCancel(true);
  struct sigaction sa {};
  sa.sa_handler = onSigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // output writes carry on; the engine polls the flag
  installed_ = sigaction(SIGINT, &sa, &previous_) == 0;
}

ScriptInterrupt::~ScriptInterrupt() {
  if (installed_) sigaction(SIGINT, &previous_, nullptr);
  gCancel = nullptr;
}

bool ScriptInterrupt::interrupted() const {
  return gHits.load() > 0;
}

}  // namespace silkgraph::shell
