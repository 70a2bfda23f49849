// Source `facts`: the hand-compiled fact table of ../shared/data/facts (facts.csv,
// entities.csv, sources.csv; its README.md) into the graph with its citations. Each entity
// becomes a node of its type (Leader, Initiative, Event, ...); a Nation entity is the Nation
// node countries.json made (checked by name through nation_resolver.h; the names the table
// gives it that the Nation lacks become its aliases, citing the row), and an entity whose id
// an earlier import already made with the same label (a USGS Resource such as `lithium`) is
// that node. Each fact row becomes one relationship of its relation with the row's JSON
// properties, valid_from/valid_to (a year or a month holds for the whole period, with
// valid_precision), fact_id, confidence, notes and the row's source in `sources`. Companies
// and organizations whose `country` is a Nation get BASED_IN. The labels, types and
// properties the table uses are added to the schema, typed by the values they hold.
#include <algorithm>
#include <set>
#include <stdexcept>

#include "engine/schema_rules.h"
#include "loaders/world/facts_table.h"
#include "loaders/world/nation_resolver.h"
#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace {

constexpr const char* kTable =
    "Korea-Central Asia fact table (hand-compiled from the public pages listed in sources.csv)";

// The smallest type both fit (an int widens to a float); `any` when there is none.
PropType unite(PropType a, PropType b) {
  if (a == b) return a;
  auto is = [&](PropType x, PropType y) { return (a == x && b == y) || (a == y && b == x); };
  if (is(PropType::Int, PropType::Float)) return PropType::Float;
  if (is(PropType::IntList, PropType::FloatList)) return PropType::FloatList;
  return PropType::Any;
}

// What the table uses of a label or a relationship type.
struct Observed {
  std::vector<std::pair<std::string, PropType>> props;  // in the order first seen
  std::set<std::string> from, to;
  void add(const std::string& key, const Value& v) {
    for (auto& [k, t] : props)
      if (k == key) {
        t = unite(t, propTypeOf(v));
        return;
      }
    props.emplace_back(key, propTypeOf(v));
  }
};

bool commonProperty(const std::string& key) {
  for (const PropertyDef& p : Schema::commonProperties())
    if (p.name == key) return true;
  return false;
}

std::vector<PropertyDef> newProperties(const Observed& o, const LabelDef* label,
                                       const RelTypeDef* type) {
  std::vector<PropertyDef> out;
  for (const auto& [key, t] : o.props) {
    bool declared = (label && label->findProperty(key)) || (type && type->findProperty(key));
    if (declared || commonProperty(key)) continue;  // Writer::value checks the values
    PropertyDef d;
    d.name = key;
    d.type = t;
    out.push_back(d);
  }
  return out;
}

// Adds the labels, types and properties the table uses to the load's schema.
void extendSchema(Writer& w, const std::map<std::string, Observed>& labels,
                  const std::map<std::string, Observed>& types, const std::string& factsFile) {
  Schema& schema = w.stage().schema;
  Schema ext;
  for (const auto& [name, o] : labels) {
    LabelDef d;
    d.name = name;
    d.key = "id";
    d.description = "An entity of the fact table (entities.csv)";
    d.properties = newProperties(o, schema.findLabel(name), nullptr);
    ext.addLabel(d);
  }
  for (const auto& [name, o] : types) {
    const RelTypeDef* had = schema.findRelType(name);
    RelTypeDef d;
    d.name = name;
    d.description = "A relation of the fact table (facts.csv)";
    if (!had || !had->from.empty()) d.from.assign(o.from.begin(), o.from.end());
    if (!had || !had->to.empty()) d.to.assign(o.to.begin(), o.to.end());
    d.properties = newProperties(o, nullptr, had);
    // Relations that read the same either way, as the sample's schema declares them
    // (samples/central-asia-korea/build_sample.py, SYMMETRIC; docs/formats.md).
    d.symmetric = name == "TRADES_WITH" || name == "SIGNED_MOU_WITH" || name == "MET_WITH";
    ext.addRelType(d);
  }
  try {
    schema.merge(ext);
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::LoadError,
                factsFile + ": the fact table does not fit the database's schema: " + e.what());
  }
}

// What becomes of an entity row.
enum class Fate { Create, Existing, Skipped };

std::vector<Fate> resolveEntities(Writer& w, const NationResolver& nations, FactTable& t) {
  std::vector<Fate> fate(t.entities.size(), Fate::Create);
  auto& counts = w.summary().fileRows[t.entityRows];
  for (size_t i = 0; i < t.entities.size(); ++i) {
    FactEntity& e = t.entities[i];
    std::string where = w.where(e.file, e.line) + ": " + e.id;
    if (e.type == "Nation") {
      if (!nations.isNation(e.id)) {
        fate[i] = Fate::Skipped;
        w.skip("Nation entity whose id is not the alpha-3 code of an imported Nation", where);
        ++counts.skipped;
        continue;
      }
      NationMatch m = nations.byName("name", e.name);
      if (m.ok() && m.iso3 != e.id)
        w.fail(e.file, e.pos,
               "entity " + e.id + " is named '" + e.name + "', which is the Nation " + m.iso3);
      fate[i] = Fate::Existing;
      ++counts.loaded;
      continue;
    }
    std::string label = w.graphNodeLabel(e.id);
    if (!label.empty() && label != e.type)
      w.fail(e.file, e.typePos,
             "entity " + e.id + " is a " + e.type + " here, but the graph has it as a " + label);
    if (!label.empty()) {
      fate[i] = Fate::Existing;
      w.skip(
          "entity already in the graph from an earlier import (that node is used; the row's "
          "name and properties are not added)",
          where);
    }
    // Event dates are dates (the other texts stay as the table writes them).
    for (FactProperty& p : e.props) {
      Date d;
      if (p.key == "date" && p.value.type() == Value::Type::String &&
          p.value.asString().size() == 10 && parseDate(p.value.asString(), d))
        p.value = Value(d);
    }
    ++counts.loaded;
  }
  return fate;
}

// The fact_id of every relationship in the graph: importing the table again adds nothing twice.
std::set<std::string> factsInGraph(const Graph& g) {
  std::set<std::string> out;
  KeyId k = g.keyId("fact_id");
  if (k == kNoKey) return out;
  g.forEachRel([&](RelId r) {
    Value v = g.relProperty(r, k);
    if (v.type() == Value::Type::String) out.insert(v.asString());
    return true;
  });
  return out;
}

// The row of entities.csv an entity comes from, as a citation.
std::string tableCite(const Writer& w, const FactEntity& e) {
  return std::string(kTable) + " — " + baseName(w.fileName(e.file)) + " line " +
         std::to_string(e.line) + " (" + e.id + ")";
}

// A Nation entity is the Nation countries.json made; the names the table gives it that the
// Nation does not have yet ("Korea", "ROK") become aliases of it, citing the row, so that a
// later source (or resolve()) finds the country by them. An alias that is another Nation's
// name is reported, not added.
void addNationNames(Writer& w, const NationResolver& nations, const FactEntity& e) {
  const Graph& g = w.graph();
  LabelId nationLabel = g.labelId("Nation");
  NodeId n = nationLabel == kNoLabel ? kInvalidId : g.findByKey(nationLabel, Value(e.id));
  if (n == kInvalidId) return;
  auto list = [&](const char* key) {
    Value v = w.graphNodeProperty(e.id, key);
    return v.type() == Value::Type::List ? v.asList() : ValueList();
  };
  ValueList aliases = list("aliases"), sources = list("sources");
  std::set<std::string> known{normalizeName(e.name)};
  Value name = w.graphNodeProperty(e.id, "name");
  if (name.type() == Value::Type::String) known.insert(normalizeName(name.asString()));
  for (const Value& a : aliases)
    if (a.type() == Value::Type::String) known.insert(normalizeName(a.asString()));
  size_t had = aliases.size();
  for (const std::string& a : e.aliases) {
    if (!known.insert(normalizeName(a)).second) continue;
    NationMatch m = nations.byName("name", a);
    if (m.ok() && m.iso3 != e.id) {
      w.skip("alias of a Nation entity that names another Nation",
             w.where(e.file, e.line) + ": " + e.id + " '" + a + "' is " + m.iso3);
      continue;
    }
    aliases.emplace_back(a);
  }
  if (aliases.size() != had) w.setGraphNodeProperty(n, "aliases", Value(aliases), e.file, e.pos);
  std::string cite = tableCite(w, e);
  auto same = [&](const Value& v) {
    return v.type() == Value::Type::String && v.asString() == cite;
  };
  if (std::none_of(sources.begin(), sources.end(), same)) {
    sources.emplace_back(cite);
    w.setGraphNodeProperty(n, "sources", Value(std::move(sources)), e.file, e.pos);
  }
}

}  // namespace

void loadFacts(Writer& w, const std::vector<std::string>& paths) {
  NationResolver nations(w.graph());
  if (nations.nationCount() == 0)
    throw Error(ErrorKind::LoadError,
                "facts resolves its Nation entities against the Nation nodes: import countries "
                "first");
  auto wanted = [](const std::string& n) {
    return n == "facts.csv" || n == "entities.csv" || n == "sources.csv";
  };
  FactTable t = readFactTable(w, listFiles(paths, wanted, "facts.csv, entities.csv, sources.csv"));
  std::vector<Fate> fate = resolveEntities(w, nations, t);
  auto fateOf = [&](const std::string& id) { return fate[t.entityIndex.at(id)]; };

  std::map<std::string, Observed> labels, types;
  for (size_t i = 0; i < t.entities.size(); ++i) {
    if (fate[i] != Fate::Create) continue;
    Observed& o = labels[t.entities[i].type];
    for (const FactProperty& p : t.entities[i].props) o.add(p.key, p.value);
  }
  std::vector<const Fact*> facts;
  auto& factCounts = w.summary().fileRows[t.factRows];
  std::set<std::string> had = factsInGraph(w.graph());
  for (const Fact& f : t.facts) {
    if (had.count(f.id)) {
      w.skip("fact already in the graph (an earlier import of the table)",
             w.where(f.file, f.line) + ": " + f.id);
      ++factCounts.skipped;
      continue;
    }
    if (fateOf(f.subject) == Fate::Skipped || fateOf(f.object) == Fate::Skipped) {
      w.skip("fact naming an entity that was not loaded", w.where(f.file, f.line) + ": " + f.id);
      ++factCounts.skipped;
      continue;
    }
    Observed& o = types[f.relation];
    o.from.insert(t.entities[t.entityIndex.at(f.subject)].type);
    o.to.insert(t.entities[t.entityIndex.at(f.object)].type);
    for (const FactProperty& p : f.props) o.add(p.key, p.value);
    facts.push_back(&f);
    ++factCounts.loaded;
  }
  // BASED_IN: a company's or an organization's `country`, when it is a Nation.
  std::vector<std::pair<const FactEntity*, std::string>> basedIn;
  for (size_t i = 0; i < t.entities.size(); ++i) {
    const FactEntity& e = t.entities[i];
    if (fate[i] != Fate::Create || (e.type != "Company" && e.type != "Organization")) continue;
    for (const FactProperty& p : e.props)
      if (p.key == "country" && p.value.type() == Value::Type::String &&
          nations.isNation(p.value.asString())) {
        basedIn.emplace_back(&e, p.value.asString());
        types["BASED_IN"].from.insert(e.type);
        types["BASED_IN"].to.insert("Nation");
      }
  }
  extendSchema(w, labels, types, w.fileName(t.facts.empty() ? 0 : t.facts[0].file));

  // Each entity cites the table's row and the first fact that names it.
  std::map<std::string, const Fact*> firstFact;
  for (const Fact* f : facts) {
    firstFact.emplace(f->subject, f);
    firstFact.emplace(f->object, f);
  }
  for (size_t i = 0; i < t.entities.size(); ++i)
    if (fate[i] == Fate::Existing && t.entities[i].type == "Nation")
      addNationNames(w, nations, t.entities[i]);
  for (size_t i = 0; i < t.entities.size(); ++i) {
    if (fate[i] != Fate::Create) continue;
    const FactEntity& e = t.entities[i];
    w.node(e.type, e.id, e.file, e.pos);
    w.str("name", e.name);
    w.strings("aliases", e.aliases);
    for (const FactProperty& p : e.props) w.value(p.key, p.value);
    std::vector<std::string> sources = {tableCite(w, e)};
    if (auto it = firstFact.find(e.id); it != firstFact.end())
      sources.push_back(it->second->citation);
    w.strings("sources", sources);
    w.end();
  }
  for (const Fact* f : facts) {
    w.rel(f->relation, f->subject, f->object, f->file, f->pos);
    for (const FactProperty& p : f->props) w.value(p.key, p.value);
    w.cite(f->citation);
    w.end();
  }
  for (const auto& [e, country] : basedIn) {
    w.rel("BASED_IN", e->id, country, e->file, e->pos);
    w.cite(tableCite(w, *e) + ", column properties: country");
    w.end();
  }
}

}  // namespace silkgraph::world
