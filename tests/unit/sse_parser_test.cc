#include "transport/sse_parser.h"

#include <fstream>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

namespace genai::internal {
namespace {

struct Parsed {
  std::vector<SseEvent> events;
  bool clean = false;
};

Parsed parse_in_pieces(std::string_view text, std::vector<size_t> cuts) {
  Parsed out;
  SseParser p;
  size_t pos = 0;
  cuts.push_back(text.size());
  for (size_t cut : cuts) {
    p.feed(text.substr(pos, cut - pos), [&](SseEvent&& e) {
      out.events.push_back(std::move(e));
      return true;
    });
    pos = cut;
  }
  out.clean = p.finish();
  return out;
}

Parsed parse(std::string_view text) { return parse_in_pieces(text, {}); }

std::string wire(const std::string& name) {
  std::ifstream in(std::string(GENAI_WIRE_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(SseParser, GoogleFramingEverySplit) {
  const std::string text = wire("stream-sse.txt");
  const Parsed whole = parse(text);
  ASSERT_EQ(whole.events.size(), 2u);
  EXPECT_TRUE(whole.clean);
  EXPECT_EQ(whole.events[0].data.front(), '{');
  EXPECT_NE(whole.events[1].data.find("finishReason"), std::string::npos);
  // Split at every byte boundary, in two pieces and byte by byte.
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    const Parsed p = parse_in_pieces(text, {cut});
    ASSERT_EQ(p.events.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(p.events[0].data, whole.events[0].data);
    EXPECT_EQ(p.events[1].data, whole.events[1].data);
    EXPECT_TRUE(p.clean);
  }
  std::vector<size_t> every;
  for (size_t i = 1; i < text.size(); ++i) every.push_back(i);
  const Parsed bytewise = parse_in_pieces(text, every);
  ASSERT_EQ(bytewise.events.size(), 2u);
  EXPECT_EQ(bytewise.events[1].data, whole.events[1].data);
}

TEST(SseParser, LineEndingsLfCrlfCr) {
  for (std::string_view eol : {"\n", "\r\n", "\r"}) {
    std::string text = "data: a";
    text += eol;
    text += eol;
    text += "data: b";
    text += eol;
    text += eol;
    const Parsed p = parse(text);
    ASSERT_EQ(p.events.size(), 2u);
    EXPECT_EQ(p.events[0].data, "a");
    EXPECT_EQ(p.events[1].data, "b");
  }
}

TEST(SseParser, CrLfSplitBetweenChunksIsOneLineEnd) {
  const std::string text = "data: a\r\n\r\ndata: b\r\n\r\n";
  const Parsed p = parse_in_pieces(text, {8});  // between \r and \n
  ASSERT_EQ(p.events.size(), 2u);
  EXPECT_EQ(p.events[0].data, "a");
}

TEST(SseParser, MultiLineDataCommentsAndFields) {
  const Parsed p = parse(": keep-alive\nevent: update\nid: 7\nretry: 1500\ndata: line1\ndata:line2\ndata\n\n");
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].event, "update");
  EXPECT_EQ(p.events[0].data, "line1\nline2\n");
  EXPECT_EQ(p.events[0].id, "7");
  EXPECT_EQ(p.events[0].retry_ms, 1500);
}

TEST(SseParser, EventWithoutDataIsNotDispatched) {
  const Parsed p = parse("event: ping\n\ndata: x\n\n");
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].data, "x");
  EXPECT_EQ(p.events[0].event, "message");
}

TEST(SseParser, EmptyDataIsAnEvent) {
  const Parsed p = parse("data:\n\n");
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].data, "");
}

TEST(SseParser, CutMidEventIsDetected) {
  const Parsed partial_line = parse("data: {\"a\":1}\r\n\r\ndata: {\"b\"");
  EXPECT_EQ(partial_line.events.size(), 1u);
  EXPECT_FALSE(partial_line.clean);
  const Parsed no_blank_line = parse("data: {\"a\":1}\n");
  EXPECT_TRUE(no_blank_line.events.empty());
  EXPECT_FALSE(no_blank_line.clean);
}

TEST(SseParser, ByteOrderMarkIsSkippedEvenWhenSplit) {
  const std::string text = "\xEF\xBB\xBF" "data: x\n\n";
  for (size_t cut = 0; cut <= 4; ++cut) {
    const Parsed p = parse_in_pieces(text, {cut});
    ASSERT_EQ(p.events.size(), 1u) << cut;
    EXPECT_EQ(p.events[0].data, "x");
  }
}

TEST(SseParser, CallbackCanStop) {
  SseParser p;
  int seen = 0;
  const bool completed = p.feed("data: 1\n\ndata: 2\n\n", [&](SseEvent&&) {
    ++seen;
    return false;
  });
  EXPECT_FALSE(completed);
  EXPECT_EQ(seen, 1);
}

// Feeds `text` in pieces of `piece` bytes under a bound of `max` bytes per event.
struct Bounded {
  std::vector<std::string> data;
  bool too_large = false;
  size_t event_bytes = 0;
};
Bounded parse_bounded(std::string_view text, size_t max, size_t piece) {
  Bounded out;
  SseParser p(max);
  for (size_t pos = 0; pos < text.size(); pos += piece) {
    p.feed(text.substr(pos, piece), [&](SseEvent&& e) {
      out.data.push_back(std::move(e.data));
      return true;
    });
  }
  out.too_large = p.too_large();
  out.event_bytes = p.event_bytes();
  if (out.too_large) EXPECT_FALSE(p.finish());  // a too-large stream never ends cleanly
  return out;
}

TEST(SseParser, AnEventUpToTheBoundPasses) {
  // 16 bytes of lines: "data: 0123456789" (the bound counts lines without their ends).
  const std::string text = "data: 0123456789\n\n";
  for (size_t piece : {size_t{1}, size_t{3}, text.size()}) {
    const Bounded b = parse_bounded(text, 16, piece);
    EXPECT_FALSE(b.too_large) << piece;
    ASSERT_EQ(b.data.size(), 1u);
    EXPECT_EQ(b.data[0], "0123456789");
  }
}

TEST(SseParser, AnEventPastTheBoundIsRefusedHoweverItIsCut) {
  // Two data lines of 11 bytes: 22 > 16, though each line alone fits.
  const std::string text = "data: first\n\ndata: 12345\ndata: 67890\n\ndata: never\n\n";
  for (size_t piece : {size_t{1}, size_t{2}, size_t{5}, text.size()}) {
    const Bounded b = parse_bounded(text, 16, piece);
    EXPECT_TRUE(b.too_large) << piece;
    ASSERT_EQ(b.data.size(), 1u) << piece;  // the event before it, nothing after
    EXPECT_EQ(b.data[0], "first");
    EXPECT_GT(b.event_bytes, 16u);
  }
}

TEST(SseParser, ALineThatNeverEndsIsRefusedBeforeItIsKept) {
  SseParser p(1024);
  const std::string piece(100, 'x');
  bool ok = p.feed("data: ", [](SseEvent&&) { return true; });
  for (int i = 0; i < 100 && ok; ++i) ok = p.feed(piece, [](SseEvent&&) { return true; });
  EXPECT_FALSE(ok);
  EXPECT_TRUE(p.too_large());
  EXPECT_GT(p.event_bytes(), 1024u);  // refused at the piece that would have passed the bound
  EXPECT_LE(p.event_bytes(), 1024u + piece.size());
  EXPECT_FALSE(p.feed("\n\n", [](SseEvent&&) { return true; }));  // and it stays refused
  EXPECT_FALSE(p.finish());
}

TEST(SseParser, CommentsAreNotKeptSoTheyDoNotCountButEachLineIsBounded) {
  std::string many_comments;
  for (int i = 0; i < 100; ++i) many_comments += ": keep-alive\n";
  const Bounded b = parse_bounded(many_comments + "data: x\n\n", 16, 7);
  EXPECT_FALSE(b.too_large);
  ASSERT_EQ(b.data.size(), 1u);
  EXPECT_TRUE(parse_bounded(": " + std::string(100, 'c') + "\n", 16, 100).too_large);
}

TEST(SseParser, ZeroMeansNoBound) {
  const std::string big = "data: " + std::string(1 << 20, 'x') + "\n\n";
  const Bounded b = parse_bounded(big, 0, 4096);
  EXPECT_FALSE(b.too_large);
  ASSERT_EQ(b.data.size(), 1u);
  EXPECT_EQ(b.data[0].size(), 1u << 20);
}

}  // namespace
}  // namespace genai::internal
