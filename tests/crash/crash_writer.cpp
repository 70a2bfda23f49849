// The writer child of the crash test (crash_test.py): opens a database file, then runs a
// random stream of units (an autocommit statement, or an explicit transaction of several,
// some rolled back) that create, update and delete related entities. Before a unit it prints
// "B <ops>", after its commit returned "A", each line written straight to stdout, so the
// parent, which kills this process at a random moment, knows every acknowledged commit.
//   crash_writer DB.sg SEED FIRST_ID CHECKPOINT_BYTES
// ops: "c ID V B W" (node ID with v=V, linked to node B with w=W; B=-1: none), "u ID V" (v=V,
// u+1), "w ID" (w+1 on ID's outgoing links), "d ID" (detach delete); ';' between them.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "main/database.h"

using namespace silkgraph;

namespace {

void say(const std::string& line) {
  std::string s = line + "\n";
  const char* p = s.data();
  size_t n = s.size();
  while (n > 0) {
    ssize_t w = ::write(STDOUT_FILENO, p, n);
    if (w <= 0) std::_Exit(3);
    p += w;
    n -= static_cast<size_t>(w);
  }
}

struct Op {
  char kind;  // c, u, w, d
  int64_t id, v, b, w;
  std::string text() const {
    std::string t = std::string(1, kind) + " " + std::to_string(id);
    if (kind == 'c')
      t += " " + std::to_string(v) + " " + std::to_string(b) + " " + std::to_string(w);
    if (kind == 'u') t += " " + std::to_string(v);
    return t;
  }
};

struct Writer {
  Database& db;
  std::mt19937_64 rng;
  std::vector<int64_t> live;
  int64_t nextId;

  int64_t pick() { return live[rng() % live.size()]; }
  int64_t small(unsigned n) { return static_cast<int64_t>(rng() % n); }

  Op choose() {
    const unsigned kind = live.size() < 4 ? 0 : static_cast<unsigned>(rng() % 10);
    if (kind < 4) return {'c', nextId++, small(1000), live.empty() ? -1 : pick(), small(100)};
    int64_t id = pick();
    if (kind < 7) return {'u', id, small(1000), 0, 0};
    if (kind < 9) return {'w', id, 0, 0, 0};
    return {'d', id, 0, 0, 0};
  }

  void run(const Op& o) {
    Params p{{"id", Value(o.id)}, {"v", Value(o.v)}, {"b", Value(o.b)}, {"w", Value(o.w)}};
    switch (o.kind) {
      case 'c':
        if (o.b < 0)
          db.execute("CREATE (:P {id: $id, v: $v, tag: 'n' + toString($id)})", p);
        else
          db.execute(
              "MATCH (b:P {id: $b}) CREATE (:P {id: $id, v: $v, tag: 'n' + toString($id)})"
              "-[:K {w: $w}]->(b)",
              p);
        live.push_back(o.id);
        break;
      case 'u':
        db.execute("MATCH (a:P {id: $id}) SET a.v = $v, a.u = coalesce(a.u, 0) + 1", p);
        break;
      case 'w':
        db.execute("MATCH (:P {id: $id})-[r:K]->() SET r.w = r.w + 1", p);
        break;
      default:
        db.execute("MATCH (a:P {id: $id}) DETACH DELETE a", p);
        std::erase(live, o.id);
    }
  }

  void reread() {
    live.clear();
    for (const auto& row : db.execute("MATCH (n:P) RETURN n.id").rows)
      live.push_back(row[0].asInt());
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: crash_writer DB.sg SEED FIRST_ID CHECKPOINT_BYTES\n");
    return 2;
  }
  try {
    Database db;
    db.open(argv[1]);
    db.setCheckpointSize(std::strtoull(argv[4], nullptr, 10));
    Writer w{db,
             std::mt19937_64(std::strtoull(argv[2], nullptr, 10)),
             {},
             std::strtoll(argv[3], nullptr, 10)};
    w.reread();
    say("R");  // recovered: the parent may compare from now on
    for (;;) {
      const unsigned unit = static_cast<unsigned>(w.rng() % 10);
      if (unit < 6) {  // autocommit
        Op o = w.choose();
        say("B " + o.text());
        w.run(o);
        say("A");
        continue;
      }
      db.begin();
      std::string ops;
      for (int i = 0, n = 2 + static_cast<int>(w.rng() % 3); i < n; ++i) {
        Op o = w.choose();
        w.run(o);
        ops += (i ? ";" : "") + o.text();
      }
      if (unit < 9) {
        say("B " + ops);
        db.commit();
        say("A");
      } else {
        db.rollback();
        w.reread();
      }
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.format().c_str());
    return 1;
  }
}
