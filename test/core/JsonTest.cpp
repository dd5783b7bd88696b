// The minimal JSON writer used by the dumps.
#include "core/Json.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace polyallo {
namespace {

TEST(JsonQuote, PlainTextIsOnlyQuoted) {
  EXPECT_EQ(Json::quote(""), "\"\"");
  EXPECT_EQ(Json::quote("gemm"), "\"gemm\"");
  EXPECT_EQ(Json::quote("[N] -> { S0[i] : 0 <= i < N }"), "\"[N] -> { S0[i] : 0 <= i < N }\"");
}

TEST(JsonQuote, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Json::quote("say \"hi\""), R"("say \"hi\"")");
  EXPECT_EQ(Json::quote("a\\b"), R"("a\\b")");
  EXPECT_EQ(Json::quote("line\nnext\ttab\rcr"), R"("line\nnext\ttab\rcr")");
  EXPECT_EQ(Json::quote(std::string("nul\0x", 5)), R"("nul\u0000x")");
  EXPECT_EQ(Json::quote("\x01\x1f"), R"("\u0001\u001f")");
}

TEST(JsonQuote, LeavesPrintableAndUtf8BytesAlone) {
  EXPECT_EQ(Json::quote("\x7f"), "\"\x7f\"");
  EXPECT_EQ(Json::quote("caf\xc3\xa9 \xe2\x86\x92"), "\"caf\xc3\xa9 \xe2\x86\x92\"");
  EXPECT_EQ(Json::quote("/ ' {}"), "\"/ ' {}\"");
}

TEST(JsonWriter, ScalarsAtTheTopLevel) {
  EXPECT_EQ(Json().value("text").str(), "\"text\"");
  EXPECT_EQ(Json().value(std::string("a\"b")).str(), R"("a\"b")");
  EXPECT_EQ(Json().value(true).str(), "true");
  EXPECT_EQ(Json().value(false).str(), "false");
  EXPECT_EQ(Json().value(int64_t{-42}).str(), "-42");
  EXPECT_EQ(Json().value(std::numeric_limits<int64_t>::min()).str(), "-9223372036854775808");
}

TEST(JsonWriter, AnyIntegerTypeIsANumber) {
  EXPECT_EQ(Json().value(3).str(), "3");
  EXPECT_EQ(Json().value(std::vector<int>(5).size()).str(), "5");
  EXPECT_EQ(Json().value(static_cast<uint8_t>(200)).str(), "200");
  EXPECT_EQ(Json().value(static_cast<short>(-7)).str(), "-7");
}

TEST(JsonWriter, EmptyContainersStayOnOneLine) {
  EXPECT_EQ(Json().beginObject().endObject().str(), "{}");
  EXPECT_EQ(Json().beginArray().endArray().str(), "[]");
}

TEST(JsonWriter, ObjectMembersAreIndentedTwoSpaces) {
  Json j;
  j.beginObject();
  j.key("name").value("gemm");
  j.key("affine").value(true);
  j.key("count").value(3);
  j.endObject();
  EXPECT_EQ(j.str(), "{\n"
                     "  \"name\": \"gemm\",\n"
                     "  \"affine\": true,\n"
                     "  \"count\": 3\n"
                     "}");
}

TEST(JsonWriter, NestingIndentsPerLevel) {
  Json j;
  j.beginObject();
  j.key("params").beginArray().value("M").value("N").endArray();
  j.key("empty").beginObject().endObject();
  j.key("none").beginArray().endArray();
  j.key("functions").beginArray();
  j.beginObject();
  j.key("name").value("f");
  j.key("arrays").beginArray();
  j.beginObject().key("shape").beginArray().value(32).value(32).endArray().endObject();
  j.endArray();
  j.endObject();
  j.beginArray().endArray();
  j.endArray();
  j.endObject();
  EXPECT_EQ(j.str(), "{\n"
                     "  \"params\": [\n"
                     "    \"M\",\n"
                     "    \"N\"\n"
                     "  ],\n"
                     "  \"empty\": {},\n"
                     "  \"none\": [],\n"
                     "  \"functions\": [\n"
                     "    {\n"
                     "      \"name\": \"f\",\n"
                     "      \"arrays\": [\n"
                     "        {\n"
                     "          \"shape\": [\n"
                     "            32,\n"
                     "            32\n"
                     "          ]\n"
                     "        }\n"
                     "      ]\n"
                     "    },\n"
                     "    []\n"
                     "  ]\n"
                     "}");
}

TEST(JsonWriter, KeysAreEscapedLikeValues) {
  Json j;
  j.beginObject().key("a\"b\n").value("").endObject();
  EXPECT_EQ(j.str(), "{\n  \"a\\\"b\\n\": \"\"\n}");
}

TEST(JsonWriter, StrShowsTheTextSoFar) {
  Json j;
  j.beginArray().value(1);
  EXPECT_EQ(j.str(), "[\n  1");
  j.endArray();
  EXPECT_EQ(j.str(), "[\n  1\n]");
}

} // namespace
} // namespace polyallo
