// Procedure signatures (query/procedure/signature.cpp): Neo4j's notation read and printed back,
// argument types checked, and bad signatures refused with the column of the problem.
#include <gtest/gtest.h>

#include <string>

#include "query/procedure/procedure.h"

using namespace silkgraph;

TEST(ProcedureSignature, ParsesAndPrintsBack) {
  ProcedureDef d = parseProcedureSignature(
      "test.my.proc(name :: STRING?, in = 3 :: INTEGER?) :: (out :: LIST? OF STRING?)");
  EXPECT_EQ(d.name, "test.my.proc");
  ASSERT_EQ(d.params.size(), 2u);
  EXPECT_EQ(d.params[0].type.type, ProcType::String);
  EXPECT_FALSE(d.params[0].defaultValue.has_value());
  ASSERT_TRUE(d.params[1].defaultValue.has_value());
  EXPECT_EQ(d.params[1].defaultValue->asInt(), 3);
  EXPECT_EQ(d.requiredParams(), 1u);
  ASSERT_EQ(d.outputs.size(), 1u);
  EXPECT_TRUE(d.outputs[0].type.listOf);
  EXPECT_EQ(d.outputIndex("out"), 0);
  EXPECT_EQ(d.outputIndex("nope"), -1);
  EXPECT_EQ(d.signature(),
            "test.my.proc(name :: STRING?, in = 3 :: INTEGER?) :: (out :: LIST? OF STRING?)");
}

TEST(ProcedureSignature, VoidAndEmptyOutputs) {
  EXPECT_TRUE(parseProcedureSignature("test.doNothing() :: ()").outputs.empty());
  EXPECT_EQ(parseProcedureSignature("a.b() :: VOID").signature(), "a.b() :: VOID");
  // The TCK writes some signatures with a trailing space.
  EXPECT_EQ(parseProcedureSignature("p(in :: INTEGER?) :: (a :: INTEGER?) ").outputs.size(), 1u);
}

TEST(ProcedureSignature, RefusesBadSignatures) {
  try {
    parseProcedureSignature("p(x :: WHATEVER) :: ()");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ArgumentError);
    EXPECT_NE(std::string(e.what()).find("column 8"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parseProcedureSignature("p(x :: INTEGER?)"), Error);
  EXPECT_THROW(parseProcedureSignature("(x :: INTEGER?) :: ()"), Error);
}

TEST(ProcedureSignature, TypeChecks) {
  ProcTypeSpec integer{ProcType::Integer, ProcType::Any, false};
  ProcTypeSpec number{ProcType::Number, ProcType::Any, false};
  ProcTypeSpec floating{ProcType::Float, ProcType::Any, false};
  ProcTypeSpec strings{ProcType::List, ProcType::String, true};
  EXPECT_TRUE(procTypeAccepts(integer, Value(int64_t{1})));
  EXPECT_TRUE(procTypeAccepts(integer, Value()));
  EXPECT_FALSE(procTypeAccepts(integer, Value(true)));
  EXPECT_FALSE(procTypeAccepts(integer, Value(1.5)));
  EXPECT_TRUE(procTypeAccepts(number, Value(1.5)));
  EXPECT_TRUE(procTypeAccepts(strings, Value(ValueList{Value("a")})));
  EXPECT_FALSE(procTypeAccepts(strings, Value(ValueList{Value(int64_t{1})})));
  EXPECT_EQ(procCoerce(floating, Value(int64_t{42})).type(), Value::Type::Float);
  EXPECT_EQ(procCoerce(number, Value(int64_t{42})).type(), Value::Type::Int);
}
