// The emulator's Live context window (emulator/handlers/live_context.h): how
// the sliding window of contextWindowCompression cuts a history.
#include "emulator/handlers/live_context.h"

#include <string>

#include <gtest/gtest.h>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// A turn of `words` one-token words.
ojson turn(const char* role, int words) {
  std::string text;
  for (int i = 0; i < words; ++i) text += "word ";
  return {{"role", role}, {"parts", ojson::array({{{"text", text}}})}};
}

TEST(LiveContext, TokensAreTheTextOfEveryTurn) {
  const ojson h = ojson::array({turn("user", 3), turn("model", 5)});
  EXPECT_EQ(live_turn_tokens(h[0]), 3);
  EXPECT_EQ(live_context_tokens(h), 8);
}

TEST(LiveContext, TheWindowDropsTheFewestTurnsAndStartsAtAUserTurn) {
  // user 10, model 10, user 10, model 10, user 10: 50 tokens.
  const ojson h = ojson::array({turn("user", 10), turn("model", 10), turn("user", 10), turn("model", 10),
                                turn("user", 10)});
  EXPECT_EQ(live_sliding_window_cut(h, 50), 0u);  // it fits already
  EXPECT_EQ(live_sliding_window_cut(h, 40), 2u);  // not 1: the rest would start at a model turn
  EXPECT_EQ(live_sliding_window_cut(h, 30), 2u);
  EXPECT_EQ(live_sliding_window_cut(h, 29), 4u);
  // Nothing gets down to 5: the user turn being answered stays.
  EXPECT_EQ(live_sliding_window_cut(h, 5), 4u);
}

TEST(LiveContext, AFunctionResponseIsNotWhereAWindowStarts) {
  ojson response = {{"role", "user"},
                    {"parts", ojson::array({{{"functionResponse", {{"name", "f"}, {"response", ojson::object()}}}}})}};
  const ojson h = ojson::array({turn("user", 10), turn("model", 10), response, turn("model", 10), turn("user", 10)});
  EXPECT_EQ(live_sliding_window_cut(h, 25), 4u);
  // No user turn after the first: nothing can be cut.
  EXPECT_EQ(live_sliding_window_cut(ojson::array({turn("user", 10), turn("model", 10)}), 1), 0u);
}

}  // namespace
}  // namespace genai::emulator
