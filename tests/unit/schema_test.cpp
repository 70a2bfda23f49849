// Schema tests: type names, value conformance and coercion, and how label/type declarations
// are added and merged (a typed graph's rules come from here, so conflicts must be errors).
#include "engine/schema.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "engine/schema_rules.h"

namespace silkgraph {
namespace {

TEST(SchemaTypes, NamesRoundTripAndAliasesParse) {
  for (PropType t : {PropType::Any, PropType::Bool, PropType::Int, PropType::Float,
                     PropType::String, PropType::Date, PropType::StringList, PropType::IntList,
                     PropType::FloatList, PropType::List, PropType::Map}) {
    auto back = parsePropType(propTypeName(t));
    ASSERT_TRUE(back.has_value()) << propTypeName(t);
    EXPECT_EQ(*back, t);
  }
  EXPECT_EQ(parsePropType("boolean"), PropType::Bool);
  EXPECT_EQ(parsePropType("long"), PropType::Int);
  EXPECT_EQ(parsePropType("integer"), PropType::Int);
  EXPECT_EQ(parsePropType("double"), PropType::Float);
  EXPECT_EQ(parsePropType("String"), PropType::String);
  EXPECT_EQ(parsePropType("string[]"), PropType::StringList);
  EXPECT_EQ(parsePropType("int[]"), PropType::IntList);
  EXPECT_EQ(parsePropType("float[]"), PropType::FloatList);
  EXPECT_FALSE(parsePropType("decimal").has_value());
  EXPECT_FALSE(parsePropType("").has_value());
  EXPECT_FALSE(parsePropType("string[][]").has_value());
}

TEST(SchemaTypes, Conforms) {
  EXPECT_TRUE(conforms(Value(int64_t{2023}), PropType::Int));
  EXPECT_TRUE(conforms(Value(int64_t{2023}), PropType::Float));  // ints are valid floats
  EXPECT_FALSE(conforms(Value(2.5), PropType::Int));
  EXPECT_FALSE(conforms(Value("2023"), PropType::Int));
  EXPECT_TRUE(conforms(Value(true), PropType::Bool));
  EXPECT_FALSE(conforms(Value(int64_t{1}), PropType::Bool));
  EXPECT_TRUE(conforms(Value(Date{0}), PropType::Date));
  EXPECT_FALSE(conforms(Value("2024-11-04"), PropType::Date));
  EXPECT_TRUE(conforms(Value("Astana"), PropType::String));
  EXPECT_TRUE(conforms(Value(ValueList{Value("KZ"), Value("Qazaqstan")}), PropType::StringList));
  EXPECT_TRUE(conforms(Value(ValueList{}), PropType::StringList));
  EXPECT_FALSE(conforms(Value(ValueList{Value("KZ"), Value(int64_t{1})}), PropType::StringList));
  EXPECT_TRUE(
      conforms(Value(ValueList{Value(int64_t{48}), Value(int64_t{68})}), PropType::IntList));
  EXPECT_TRUE(conforms(Value(ValueList{Value(int64_t{48}), Value(68.5)}), PropType::FloatList));
  EXPECT_FALSE(conforms(Value(ValueList{Value(int64_t{48}), Value(68.5)}), PropType::IntList));
  EXPECT_TRUE(conforms(Value(ValueList{Value(true), Value("x")}), PropType::List));
  EXPECT_FALSE(conforms(Value("x"), PropType::List));
  EXPECT_TRUE(conforms(Value(ValueMap{{"city", Value("Seoul")}}), PropType::Map));
  EXPECT_FALSE(conforms(Value(ValueList{}), PropType::Map));
  EXPECT_TRUE(conforms(Value(ValueMap{}), PropType::Any));
}

TEST(SchemaTypes, CoerceIntToFloat) {
  Value f = coerce(Value(int64_t{240000}), PropType::Float);
  ASSERT_EQ(f.type(), Value::Type::Float);
  EXPECT_EQ(f.asFloat(), 240000.0);
  Value i = coerce(Value(int64_t{2023}), PropType::Int);
  EXPECT_EQ(i.type(), Value::Type::Int);
  Value l = coerce(Value(ValueList{Value(int64_t{48}), Value(68.5)}), PropType::FloatList);
  ASSERT_EQ(l.asList().size(), 2u);
  EXPECT_EQ(l.asList()[0].type(), Value::Type::Float);
  EXPECT_EQ(l.asList()[0].asFloat(), 48.0);
  EXPECT_EQ(coerce(Value("Seoul"), PropType::Any).asString(), "Seoul");
}

// The rules a CSV column or JSON leaf is checked by, before it is a Value.
TEST(SchemaRules, ScalarsAndListsFitAsValuesDo) {
  using rules::listFits;
  using rules::scalarFits;
  EXPECT_TRUE(scalarFits(ScalarKind::Int, PropType::Float));
  EXPECT_FALSE(scalarFits(ScalarKind::Float, PropType::Int));
  EXPECT_TRUE(scalarFits(ScalarKind::Date, PropType::Any));
  EXPECT_FALSE(scalarFits(ScalarKind::String, PropType::StringList));
  EXPECT_TRUE(listFits(ScalarKind::Int, PropType::FloatList));
  EXPECT_FALSE(listFits(ScalarKind::Float, PropType::IntList));
  EXPECT_TRUE(listFits(ScalarKind::Bool, PropType::List));
  EXPECT_FALSE(listFits(ScalarKind::Bool, PropType::StringList));
  EXPECT_TRUE(rules::widensToFloat(ScalarKind::Int, PropType::FloatList));
  EXPECT_FALSE(rules::widensToFloat(ScalarKind::Int, PropType::Any));
  EXPECT_EQ(rules::typeOf(ScalarKind::Date, true), PropType::List);
  // The same answers as conforms() on values.
  for (PropType t : {PropType::Int, PropType::Float, PropType::IntList, PropType::FloatList,
                     PropType::StringList, PropType::List}) {
    EXPECT_EQ(scalarFits(ScalarKind::Int, t), conforms(Value(int64_t{1}), t));
    EXPECT_EQ(listFits(ScalarKind::Int, t), conforms(Value(ValueList{Value(int64_t{1})}), t));
  }
}

TEST(SchemaRules, LabelDeclarationsComeBeforeCommonOnes) {
  LabelDef nation{"Nation", "id", {{"name", PropType::String, true, ""}}, ""};
  const LabelDef* owner = nullptr;
  const PropertyDef* p = rules::findForLabels({nullptr, &nation}, "name", &owner);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->required);
  EXPECT_EQ(owner, &nation);
  EXPECT_NE(rules::findForLabels({&nation}, "aliases", &owner), nullptr);
  EXPECT_EQ(owner, nullptr);
  EXPECT_EQ(rules::findForLabels({&nation}, "cca2"), nullptr);
  EXPECT_EQ(rules::undeclaredProperty("cca2", "node 'RUS'", {&nation}),
            "property 'cca2' of node 'RUS' is not declared for Nation (declared: name)");
  EXPECT_EQ(rules::missingRequired("node 'RUS'", nation, "name"),
            "node 'RUS' lacks required property 'name' of Nation");
}

LabelDef nation() {
  LabelDef d;
  d.name = "Nation";
  d.key = "id";
  d.properties = {{"name", PropType::String, true, ""}, {"area_km2", PropType::Float, false, ""}};
  return d;
}

RelTypeDef borders() {
  RelTypeDef d;
  d.name = "BORDERS";
  d.from = {"Nation"};
  d.to = {"Nation"};
  return d;
}

TEST(SchemaCatalog, AddAndFind) {
  Schema s;
  EXPECT_TRUE(s.empty());
  s.addLabel(nation());
  s.addRelType(borders());
  EXPECT_FALSE(s.empty());
  ASSERT_NE(s.findLabel("Nation"), nullptr);
  EXPECT_EQ(s.findLabel("Nation")->findProperty("area_km2")->type, PropType::Float);
  EXPECT_EQ(s.findLabel("Nation")->findProperty("population"), nullptr);
  EXPECT_EQ(s.findLabel("Leader"), nullptr);
  ASSERT_NE(s.findRelType("BORDERS"), nullptr);
  EXPECT_EQ(s.findRelType("BORDERS")->from, std::vector<std::string>{"Nation"});
}

TEST(SchemaCatalog, RejectsDuplicatesAndInconsistencies) {
  Schema s;
  s.addLabel(nation());
  EXPECT_THROW(s.addLabel(nation()), std::invalid_argument);
  LabelDef twice = nation();
  twice.name = "Region";
  twice.properties.push_back({"name", PropType::String, false, ""});
  EXPECT_THROW(s.addLabel(twice), std::invalid_argument);
  LabelDef badKey = nation();
  badKey.name = "Leader";
  badKey.key = "wikidata";
  EXPECT_THROW(s.addLabel(badKey), std::invalid_argument);
  LabelDef noName;
  EXPECT_THROW(s.addLabel(noName), std::invalid_argument);
  s.addRelType(borders());
  EXPECT_THROW(s.addRelType(borders()), std::invalid_argument);
  EXPECT_EQ(s.labels().size(), 1u);
  EXPECT_EQ(s.relTypes().size(), 1u);
  try {
    s.addLabel(nation());
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "label 'Nation' is declared twice");
  }
}

TEST(SchemaCatalog, CommonProperties) {
  const auto& common = Schema::commonProperties();
  auto type = [&](const char* n) {
    for (const PropertyDef& p : common)
      if (p.name == n) return p.type;
    ADD_FAILURE() << n;
    return PropType::Any;
  };
  EXPECT_EQ(common.size(), 6u);
  EXPECT_EQ(type("id"), PropType::String);
  EXPECT_EQ(type("name"), PropType::String);
  EXPECT_EQ(type("aliases"), PropType::StringList);
  EXPECT_EQ(type("valid_from"), PropType::Date);
  EXPECT_EQ(type("valid_to"), PropType::Date);
  EXPECT_EQ(type("sources"), PropType::StringList);
}

TEST(SchemaMerge, IdenticalDeclarationsAndExtensions) {
  Schema a;
  a.addLabel(nation());
  a.addRelType(borders());
  Schema b;
  b.addLabel(nation());
  LabelDef more;
  more.name = "Nation";
  more.key = "id";
  more.properties = {{"capital", PropType::String, false, ""}};
  Schema c;
  c.addLabel(more);
  RelTypeDef produces;
  produces.name = "PRODUCES";
  produces.properties = {{"year", PropType::Int, true, ""}};
  c.addRelType(produces);
  a.merge(b);
  a.merge(c);
  ASSERT_EQ(a.labels().size(), 1u);
  EXPECT_EQ(a.findLabel("Nation")->properties.size(), 3u);
  EXPECT_NE(a.findLabel("Nation")->findProperty("capital"), nullptr);
  EXPECT_NE(a.findRelType("PRODUCES"), nullptr);
}

TEST(SchemaMerge, ConflictsThrowAndLeaveTheSchemaUnchanged) {
  Schema a;
  a.addLabel(nation());
  a.addRelType(borders());

  Schema typeClash;
  LabelDef d = nation();
  d.properties[1].type = PropType::Int;
  typeClash.addLabel(d);
  RelTypeDef extra;
  extra.name = "HELD_IN";
  typeClash.addRelType(extra);
  try {
    a.merge(typeClash);
    ADD_FAILURE();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "label 'Nation': property 'area_km2' is declared as float and as int");
  }
  EXPECT_EQ(a.findRelType("HELD_IN"), nullptr);  // nothing of the failed merge stays
  EXPECT_EQ(a.findLabel("Nation")->findProperty("area_km2")->type, PropType::Float);

  Schema keyClash;
  LabelDef k = nation();
  k.key = "";
  keyClash.addLabel(k);
  EXPECT_THROW(a.merge(keyClash), std::invalid_argument);

  Schema requiredClash;
  LabelDef r = nation();
  r.properties[0].required = false;
  requiredClash.addLabel(r);
  EXPECT_THROW(a.merge(requiredClash), std::invalid_argument);

  Schema openEnds;
  RelTypeDef any = borders();
  any.to.clear();
  openEnds.addRelType(any);
  EXPECT_THROW(a.merge(openEnds), std::invalid_argument);

  Schema moreEnds;
  RelTypeDef region = borders();
  region.to = {"Region"};
  moreEnds.addRelType(region);
  a.merge(moreEnds);
  EXPECT_EQ(a.findRelType("BORDERS")->to, (std::vector<std::string>{"Nation", "Region"}));
}

}  // namespace
}  // namespace silkgraph
