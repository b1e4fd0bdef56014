// The Computer Use planner (emulator/backend/computer_use.h) on its own: which
// predefined actions a prompt leads to, with what arguments, and exclusions.
#include "emulator/backend/computer_use.h"

#include <gtest/gtest.h>

namespace genai::emulator {
namespace {

std::vector<std::string> names(const std::vector<ComputerUseAction>& plan) {
  std::vector<std::string> out;
  for (const ComputerUseAction& a : plan) out.push_back(a.name);
  return out;
}

TEST(EmulatorComputerUsePlan, AddressesQuotedTextAndSearches) {
  auto shop = computer_use_plan("Go to https://shop.example.com/a?b=1, then type 'red hat'.", {});
  ASSERT_EQ(names(shop), (std::vector<std::string>{"open_web_browser", "navigate", "type_text_at"}));
  EXPECT_EQ(shop[1].args["url"], "https://shop.example.com/a?b=1");
  EXPECT_EQ(shop[2].args["text"], "red hat");

  auto bare = computer_use_plan("Please visit docs.example.org/start.", {});
  ASSERT_EQ(names(bare), (std::vector<std::string>{"open_web_browser", "navigate", "click_at"}));
  EXPECT_EQ(bare[1].args["url"], "https://docs.example.org/start");

  auto search = computer_use_plan("Search for cheap flights to Oslo. Thanks!", {});
  ASSERT_EQ(names(search), (std::vector<std::string>{"open_web_browser", "search", "type_text_at"}));
  EXPECT_EQ(search[2].args["text"], "cheap flights to Oslo");
}

TEST(EmulatorComputerUsePlan, PointsStayOnTheGridAndRepeat) {
  for (const char* prompt : {"Open the settings", "Click the big button", "x"}) {
    auto plan = computer_use_plan(prompt, {});
    const auto& args = plan.back().args;
    ASSERT_EQ(plan.back().name, "click_at");
    EXPECT_GE(args["x"].get<int>(), 0);
    EXPECT_LE(args["x"].get<int>(), 999);
    EXPECT_GE(args["y"].get<int>(), 0);
    EXPECT_LE(args["y"].get<int>(), 999);
    EXPECT_EQ(computer_use_plan(prompt, {}).back().args, args);
  }
}

TEST(EmulatorComputerUsePlan, ExcludedActionsAreLeftOut) {
  EXPECT_EQ(names(computer_use_plan("Open https://a.example", {"open_web_browser", "click_at"})),
            std::vector<std::string>{"navigate"});
  EXPECT_TRUE(computer_use_plan("Open the menu", {"open_web_browser", "click_at"}).empty());
  EXPECT_TRUE(is_computer_use_action("drag_and_drop"));
  EXPECT_FALSE(is_computer_use_action("get_weather"));
}

}  // namespace
}  // namespace genai::emulator
