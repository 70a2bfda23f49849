// Session::whyCommand (shell/session.h): `:why on|off` sets --why for the statements that
// follow; `:why` alone explains the last result by running its statement again with --why
// (a read statement gives the same rows again; one that wrote is refused, since running it
// again would write again).
#include "common/text.h"
#include "shell/session.h"

namespace silkgraph::shell {

MetaOutcome Session::whyCommand(const std::vector<std::string>& args) {
  if (args.size() > 1 || (args.size() == 1 && text::asciiLower(args[0]) != "on" &&
                          text::asciiLower(args[0]) != "off")) {
    metaErr() << "usage: :why [on|off]\n";
    return MetaOutcome::Failed;
  }
  if (args.size() == 1) {
    limits_.why = text::asciiLower(args[0]) == "on";
    return MetaOutcome::Ok;
  }
  if (!last_) {
    metaErr() << "no result to explain yet: run a query first (or :why on to show the sources "
                 "of every result)\n";
    return MetaOutcome::Failed;
  }
  if (last_->stats.containsUpdates()) {
    metaErr() << "the last statement changed the graph: :why runs it again, so it explains "
                 "only statements that read (use :why on before running it)\n";
    return MetaOutcome::Failed;
  }
  std::string text = lastText_;
  Params saved = params_;
  params_ = lastParams_;
  bool wasOn = limits_.why;
  limits_.why = true;
  bool ok = runStatement(text, SourcePos{1, 1}, text, "", "");
  limits_.why = wasOn;
  params_ = std::move(saved);
  return ok ? MetaOutcome::Ok : MetaOutcome::Failed;
}

}  // namespace silkgraph::shell
