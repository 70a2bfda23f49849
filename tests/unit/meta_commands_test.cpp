// The shell's meta-command table is the one source of dispatch, :help, tab completion and
// "Did you mean": every entry must show up in all four.
#include "shell/meta_commands.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "shell/completion.h"

namespace silkgraph::shell {
namespace {

bool offers(const Completion& c, const std::string& word) {
  return std::find(c.matches.begin(), c.matches.end(), word) != c.matches.end();
}

TEST(MetaCommands, EveryEntryIsHelpedCompletedSuggestedAndDispatched) {
  std::ostringstream out, err;
  Session session(out, err);
  const std::string help = metaHelpText();
  Completion names = complete(session, ":", "", 1, 1, false);
  ASSERT_FALSE(metaCommands().empty());
  for (const MetaCommand& cmd : metaCommands()) {
    ASSERT_FALSE(cmd.names.empty());
    ASSERT_NE(cmd.handler, nullptr) << cmd.names[0];
    ASSERT_FALSE(cmd.help.empty()) << cmd.names[0];
    for (const auto& row : cmd.help)
      EXPECT_NE(help.find("  " + row.usage + " "), std::string::npos) << row.usage;
    for (const std::string& name : cmd.names) {
      EXPECT_NE(help.find(name), std::string::npos) << name << " is not in :help";
      EXPECT_TRUE(offers(names, name.substr(1))) << name << " is not completed";
      EXPECT_EQ(findMetaCommand(name), &cmd) << name;
      // One typo away, the name is suggested (unless another name is as close).
      std::string typo = name + "x";
      EXPECT_NE(suggestMetaCommand(typo).find(" Did you mean :"), std::string::npos) << typo;
    }
    for (const std::string& name : cmd.shortcuts) EXPECT_EQ(findMetaCommand(name), &cmd) << name;
    // Words for the first argument are completed after the name.
    std::string line = cmd.names[0] + " ";
    Completion args = complete(session, line, "", line.size(), line.size(), false);
    for (const std::string& w : cmd.argWords) EXPECT_TRUE(offers(args, w)) << line << w;
  }
}

TEST(MetaCommands, DispatchReachesEveryHandler) {
  for (const MetaCommand& cmd : metaCommands()) {
    for (const std::string& name : cmd.names) {
      std::ostringstream out, err;
      Session session(out, err);
      // Arguments are left out: a command that needs some prints its usage, never
      // "Unknown command".
      MetaOutcome outcome = session.runMeta(name);
      EXPECT_EQ(err.str().find("Unknown command"), std::string::npos) << name << ": " << err.str();
      EXPECT_EQ(outcome == MetaOutcome::Quit, name == ":quit" || name == ":exit") << name;
    }
  }
  std::ostringstream out, err;
  Session session(out, err);
  EXPECT_EQ(session.runMeta(":HELP"), MetaOutcome::Ok);  // any case
  EXPECT_EQ(session.runMeta(":q"), MetaOutcome::Quit);
  EXPECT_EQ(session.runMeta(":format csv"), MetaOutcome::Ok);
  EXPECT_EQ(session.runMeta(":nonsense"), MetaOutcome::Failed);
  EXPECT_NE(err.str().find("Unknown command :nonsense."), std::string::npos);
}

TEST(MetaCommands, Suggestions) {
  EXPECT_EQ(suggestMetaCommand(":parms"), " Did you mean :params?");
  EXPECT_EQ(suggestMetaCommand(":qiut"), " Did you mean :quit?");
  EXPECT_EQ(suggestMetaCommand(":sch"), " Did you mean :schema?");  // a prefix of one
  EXPECT_EQ(suggestMetaCommand(":expot"), " Did you mean :export?");
  EXPECT_EQ(suggestMetaCommand(":zzz"), "");
}

TEST(MetaCommands, HelpLayout) {
  std::string help = metaHelpText();
  EXPECT_NE(help.find("\n  :help                      this text\n"), std::string::npos) << help;
  EXPECT_NE(
      help.find("\n  :mode [box|csv|json|jsonl|markdown|line]   show or set the output format\n"),
      std::string::npos);
  EXPECT_NE(help.find("a .sg database file\n                             (all or nothing; --merge "
                      "updates nodes whose id exists)\n"),
            std::string::npos);
}

TEST(Completion, ArgumentsAndPaths) {
  std::ostringstream out, err;
  Session session(out, err);
  Completion c = complete(session, ":export d", "d", 8, 9, false);
  EXPECT_EQ(c.matches, std::vector<std::string>{"dot"});
  EXPECT_TRUE(c.appendSpace);
  c = complete(session, ":mode js", "js", 6, 8, false);
  EXPECT_EQ(c.matches, (std::vector<std::string>{"json", "jsonl"}));
  c = complete(session, "mat", "mat", 0, 3, false);
  EXPECT_EQ(c.matches, std::vector<std::string>{"match"});
  c = complete(session, "RETURN coll", "coll", 7, 11, false);
  EXPECT_EQ(c.matches, std::vector<std::string>{"collect("});
  EXPECT_FALSE(c.appendSpace);
  EXPECT_TRUE(completesPathAt(":load x", 7, false));
  EXPECT_FALSE(completesPathAt(":load x", 7, true));
  EXPECT_FALSE(completesPathAt(":mode x", 7, false));
  // On a statement's continuation line a ':' is Cypher: labels, not commands.
  c = complete(session, ":", "", 1, 1, true);
  EXPECT_FALSE(offers(c, "help"));
}

// Node names (mledoze/countries: South Korea, also "Republic of Korea") after resolve('.
TEST(Completion, NodeNamesAfterResolve) {
  std::ostringstream out, err;
  Session session(out, err);
  session.db().load({std::string(SILKGRAPH_SOURCE_DIR) + "/samples/central-asia-korea"});
  // libedit breaks the word at the quote (repl.cpp's hook): whole names, blanks included.
  const std::string line = "RETURN resolve('south ko";
  Completion c = complete(session, line, "south ko", 16, line.size(), false);
  EXPECT_EQ(c.matches, std::vector<std::string>{"South Korea"});
  EXPECT_FALSE(c.appendSpace);
  // A libedit that broke it at the blank: the rest of the name after the blank.
  c = complete(session, line, "ko", 22, line.size(), false);
  EXPECT_EQ(c.matches, std::vector<std::string>{"Korea"});
  c = complete(session, "RETURN resolve('REPUBLIC OF KO", "REPUBLIC OF KO", 16, 30, false);
  EXPECT_TRUE(offers(c, "Republic of Korea"));
  EXPECT_TRUE(completesNameAt("RETURN resolve ( 'Kaz", 21));
  EXPECT_FALSE(completesNameAt("RETURN resolve('Kaz') + 'x", 26));
  EXPECT_FALSE(completesNameAt("RETURN unresolve('x", 19));
  EXPECT_FALSE(completesNameAt("RETURN 'x", 9));
}

TEST(Completion, LabelOfVariable) {
  EXPECT_EQ(labelOfVariable("MATCH (n:Nation)-[r]->(m) RETURN n.", "n"), "Nation");
  EXPECT_EQ(labelOfVariable("MATCH ( n : Nation {id: 'KAZ'}) RETURN n.", "n"), "Nation");
  EXPECT_EQ(labelOfVariable("MATCH (nn:Leader), (n:`Nation state`) RETURN n.", "n"),
            "Nation state");
  EXPECT_EQ(labelOfVariable("MATCH (n)-[:BORDERS]->(m:Nation) RETURN n.", "n"), "");
  EXPECT_EQ(labelOfVariable("MATCH (n:Nation) RETURN m.", "m"), "");
  EXPECT_EQ(labelOfVariable("RETURN n.", ""), "");
}

TEST(Completion, TypesOfVariable) {
  using Names = std::vector<std::string>;
  EXPECT_EQ(typesOfVariable("MATCH (n:Nation)-[r:BORDERS]->(m) RETURN r.", "r"), Names{"BORDERS"});
  EXPECT_EQ(typesOfVariable("MATCH ()-[ r : SUPPLIES|`TRADES WITH` *1..2]-() RETURN r.", "r"),
            (Names{"SUPPLIES", "TRADES WITH"}));
  EXPECT_EQ(typesOfVariable("MATCH ()-[r:BORDERS|:MET_WITH]-() RETURN r.", "r"),
            (Names{"BORDERS", "MET_WITH"}));
  EXPECT_EQ(typesOfVariable("MATCH (r:Nation)-[b]-() RETURN r.", "r"), Names{});
  EXPECT_EQ(typesOfVariable("MATCH ()-[rr:BORDERS]-() RETURN r.", "r"), Names{});
}

// The keys of n's label come first: when some fit, only those (tests/e2e/data: Nation nodes
// have aliases, id, name and sources; BORDERS relationships length_km).
TEST(Completion, KeysOfTheVariablesLabelFirst) {
  std::ostringstream out, err;
  Session session(out, err);
  session.db().load({std::string(SILKGRAPH_SOURCE_DIR) + "/tests/e2e/data"});
  std::string line = "MATCH (n:Nation) RETURN n.";
  Completion c = complete(session, line, "", line.size(), line.size(), false);
  EXPECT_EQ(c.matches, (std::vector<std::string>{"aliases", "id", "name", "sources"}));
  line = "RETURN n.";
  c = complete(session, line, "", line.size(), line.size(), true, "MATCH (n:Nation)\n");
  EXPECT_EQ(c.matches, (std::vector<std::string>{"aliases", "id", "name", "sources"}));
  // No key of the label fits: every key that does.
  line = "MATCH (n:Nation) RETURN n.len";
  c = complete(session, line, "len", line.size() - 3, line.size(), false);
  EXPECT_EQ(c.matches, std::vector<std::string>{"length_km"});
  line = "MATCH (n) RETURN n.";
  c = complete(session, line, "", line.size(), line.size(), false);
  EXPECT_TRUE(offers(c, "length_km"));
}

// After `r.` the keys of r's type come first (BORDERS: length_km and sources).
TEST(Completion, KeysOfTheVariablesTypeFirst) {
  std::ostringstream out, err;
  Session session(out, err);
  session.db().load({std::string(SILKGRAPH_SOURCE_DIR) + "/tests/e2e/data"});
  std::string line = "MATCH (n:Nation)-[r:BORDERS]-() RETURN r.";
  Completion c = complete(session, line, "", line.size(), line.size(), false);
  EXPECT_EQ(c.matches, (std::vector<std::string>{"length_km", "sources"}));
  line = "RETURN r.";
  c = complete(session, line, "", line.size(), line.size(), true, "MATCH ()-[r:BORDERS]-()\n");
  EXPECT_EQ(c.matches, (std::vector<std::string>{"length_km", "sources"}));
  // No key of the type fits: every key that does.
  line = "MATCH ()-[r:BORDERS]-() RETURN r.na";
  c = complete(session, line, "na", line.size() - 2, line.size(), false);
  EXPECT_EQ(c.matches, std::vector<std::string>{"name"});
}

}  // namespace
}  // namespace silkgraph::shell
