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

TEST(EmulatorComputerUsePlan, ScrollDragAndTheSafetyDecisionOfARiskyStep) {
  auto up = computer_use_plan("Open https://news.example and scroll up", {});
  ASSERT_EQ(names(up), (std::vector<std::string>{"open_web_browser", "navigate", "scroll_document", "click_at"}));
  EXPECT_EQ(up[2].args["direction"], "up");
  EXPECT_FALSE(up.back().args.contains("safety_decision"));

  auto drag = computer_use_plan("Drag the file onto the folder", {});
  ASSERT_EQ(names(drag), (std::vector<std::string>{"open_web_browser", "drag_and_drop"}));
  EXPECT_TRUE(drag[1].args["destination_x"].is_number_integer());

  auto risky = computer_use_plan("Delete the draft at https://mail.example/drafts", {});
  ASSERT_EQ(risky.back().name, "click_at");
  EXPECT_EQ(risky.back().args["safety_decision"]["decision"], "require_confirmation");
  for (size_t i = 0; i + 1 < risky.size(); ++i) EXPECT_FALSE(risky[i].args.contains("safety_decision"));
  // "display" and "agreement" hold "pay" and "agree" but are not those words.
  EXPECT_FALSE(computer_use_plan("Open the display settings agreement", {}).back().args.contains("safety_decision"));

  using ojson = nlohmann::ordered_json;
  const auto turns = [](ojson response) {
    return ojson::array(
        {ojson{{"role", "model"},
               {"parts", ojson::array({ojson{{"functionCall",
                                              ojson{{"name", "click_at"},
                                                    {"args", ojson{{"x", 1},
                                                                   {"safety_decision",
                                                                    ojson{{"decision", "require_confirmation"}}}}}}}}})}},
         ojson{{"role", "user"},
               {"parts", ojson::array({ojson{{"functionResponse", ojson{{"name", "click_at"}, {"response", response}}}}})}}});
  };
  EXPECT_EQ(unacknowledged_safety_decision(turns(ojson{{"url", "x"}})), "click_at");
  EXPECT_FALSE(unacknowledged_safety_decision(turns(ojson{{"safety_acknowledgement", "true"}})));
  EXPECT_FALSE(unacknowledged_safety_decision(turns(ojson{{"safety_acknowledgement", true}})));
  EXPECT_EQ(unacknowledged_safety_decision(turns(ojson{{"safety_acknowledgement", "false"}})), "click_at");
}

TEST(EmulatorComputerUsePlan, WaitKeysHoverAndGoingBackAndForth) {
  auto keys = computer_use_plan("Open https://docs.example, wait for it, press ctrl+shift+t, then go back", {});
  ASSERT_EQ(names(keys), (std::vector<std::string>{"open_web_browser", "navigate", "wait_5_seconds",
                                                   "key_combination", "go_back"}));
  EXPECT_EQ(keys[3].args["keys"], "Control+Shift+T");
  EXPECT_EQ(computer_use_plan("Hit Enter", {}).back().args["keys"], "Enter");
  EXPECT_EQ(computer_use_plan("press cmd+a", {}).back().args["keys"], "Meta+A");
  // "press" followed by a word that is no key is a click.
  EXPECT_EQ(computer_use_plan("Press the big red button", {}).back().name, "click_at");

  auto hover = computer_use_plan("Hover over the Products menu and go forward", {});
  ASSERT_EQ(names(hover), (std::vector<std::string>{"open_web_browser", "hover_at", "go_forward"}));
  EXPECT_TRUE(hover[1].args["x"].is_number_integer());

  // The task's step, not the going back after it, waits for the user's yes.
  auto risky = computer_use_plan("Accept the cookie banner at shop.example, then go back", {});
  ASSERT_EQ(names(risky), (std::vector<std::string>{"open_web_browser", "navigate", "click_at", "go_back"}));
  EXPECT_EQ(risky[2].args["safety_decision"]["decision"], "require_confirmation");
  EXPECT_FALSE(risky[3].args.contains("safety_decision"));
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
