// Transparent session resumption's bookkeeping (client/live_replay.h): which
// client messages are kept, which a handle's lastConsumedClientMessageIndex
// forgets, which a new connection sends again (renumbered), and the memory cap.
#include "client/live_replay.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace genai::internal {
namespace {

using Texts = std::vector<std::string>;

TEST(LiveReplay, IndicesCountFromOneAfterTheSetupAndAHandleForgetsWhatItCovers) {
  LiveReplay r;
  EXPECT_EQ(r.next_index(), 1);
  for (int i = 1; i <= 5; ++i) {
    auto index = r.add("m" + std::to_string(i), i % 2 == 0);
    ASSERT_TRUE(index.ok());
    EXPECT_EQ(*index, i);
  }
  r.covered(3);
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(r.bytes(), 4u);
  r.covered(2);  // an older index changes nothing
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(r.restart(), (Texts{"m4", "m5"}));
}

TEST(LiveReplay, ANewConnectionRenumbersWhatIsSentAgainAndCountsOnFromThere) {
  LiveReplay r;
  for (const char* m : {"a", "b", "c", "d"}) ASSERT_TRUE(r.add(m, false).ok());
  r.covered(1);
  EXPECT_EQ(r.restart(), (Texts{"b", "c", "d"}));  // now messages 1, 2, 3 of the new connection
  EXPECT_EQ(r.next_index(), 4);
  EXPECT_EQ(*r.add("e", false), 4);
  // The new connection's update counts on it: 2 covers "b" and "c".
  r.covered(2);
  EXPECT_EQ(r.restart(), (Texts{"d", "e"}));
  // A reconnect that failed half way starts over with the same messages.
  EXPECT_EQ(r.restart(), (Texts{"d", "e"}));
  EXPECT_EQ(r.next_index(), 3);
}

TEST(LiveReplay, AnIndexPastTheLastMessageCoversEverything) {
  LiveReplay r;
  ASSERT_TRUE(r.add("a", false).ok());
  ASSERT_TRUE(r.add("b", true).ok());
  r.covered(99);
  EXPECT_EQ(r.size(), 0u);
  EXPECT_EQ(r.bytes(), 0u);
  EXPECT_TRUE(r.restart().empty());
  EXPECT_EQ(*r.add("c", false), 1);
}

TEST(LiveReplay, PastTheCapTheOldestMediaGoesFirstAndTurnsStay) {
  LiveReplay r(10);
  ASSERT_TRUE(r.add("T1", false).ok());    // 2 bytes, a turn
  ASSERT_TRUE(r.add("aaaa", true).ok());   // 4, audio
  ASSERT_TRUE(r.add("bbbb", true).ok());   // 4, audio: 10 bytes in all
  auto index = r.add("cc", true);          // 2 more: "aaaa" goes
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(*index, 4);
  EXPECT_EQ(r.dropped(), 1u);
  EXPECT_EQ(r.bytes(), 8u);
  EXPECT_EQ(r.restart(), (Texts{"T1", "bbbb", "cc"}));
}

TEST(LiveReplay, ATurnThatCannotFitIsRefusedAndMediaThatCannotFitIsSentButNotKept) {
  LiveReplay r(6);
  ASSERT_TRUE(r.add("TTTT", false).ok());
  auto refused = r.add("UUUU", false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status, "RESOURCE_EXHAUSTED");
  EXPECT_NE(refused.error().message.find("replay_buffer_bytes"), std::string::npos) << refused.error().message;
  EXPECT_EQ(r.next_index(), 2);  // the refused turn used no index
  auto big = r.add("0123456789", true);
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(*big, 2);
  EXPECT_EQ(r.dropped(), 1u);
  EXPECT_EQ(r.restart(), (Texts{"TTTT"}));
}

TEST(LiveReplay, AMessageThatCouldNotBeSentIsWithdrawnWithItsIndex) {
  LiveReplay r;
  ASSERT_TRUE(r.add("T1", false).ok());
  auto failed = r.add("T2", false);
  ASSERT_TRUE(failed.ok());
  r.withdraw(*failed);
  EXPECT_EQ(r.next_index(), 2);  // the server never counted it
  EXPECT_EQ(r.bytes(), 2u);
  auto next = r.add("T3", false);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 2);  // the withdrawn index, used again
  r.withdraw(1);        // not the newest: stays
  EXPECT_EQ(r.restart(), (Texts{"T1", "T3"}));
}

// Without transparent resumption the session covers turns itself: those
// answered before a handle; after a restart they keep their place.
TEST(LiveReplay, KeptThroughCountsWhatAnIndexBecomesAfterARestart) {
  LiveReplay r;
  for (const char* t : {"T1", "T2", "T3", "T4"}) ASSERT_TRUE(r.add(t, false).ok());
  r.covered(2);                      // a handle after the answer to T2
  EXPECT_EQ(r.kept_through(3), 1u);  // T3 answered, not yet covered
  EXPECT_EQ(r.restart(), (Texts{"T3", "T4"}));
  r.covered(1);
  EXPECT_EQ(r.restart(), (Texts{"T4"}));
}

TEST(LiveReplay, StreamingForLongWithoutUpdatesStaysWithinTheCap) {
  LiveReplay r(1 << 16);
  const std::string chunk(3200, 'x');  // 100 ms of 16 kHz audio
  for (int i = 0; i < 36000; ++i) ASSERT_TRUE(r.add(chunk, true).ok());  // an hour
  EXPECT_LE(r.bytes(), std::size_t{1} << 16);
  EXPECT_EQ(r.next_index(), 36001);
}

}  // namespace
}  // namespace genai::internal
