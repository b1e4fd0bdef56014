// The emulator's Computer Use tool, as a client of Google's computer-use
// model drives it over the wire: one predefined UI action per turn derived
// from the prompt, each answered with a functionResponse carrying the page's
// url and a screenshot part, then a closing text; excludedPredefinedFunctions
// honoured; scroll and drag when asked; a purchase's action waits for the
// user's confirmation (safety_decision); the model without the tool, and the
// tool on another model, refused.
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using json = nlohmann::json;

constexpr const char* kComputerUseModel = "gemini-2.5-computer-use-preview-10-2025";

class ComputerUseTest : public EmulatorTest {
 protected:
  std::pair<int, json> generate(const std::string& model, const json& body) {
    httplib::Client http(base_url());
    auto r = http.Post("/v1beta/models/" + model + ":generateContent", {{"x-goog-api-key", key()}}, body.dump(),
                       "application/json");
    if (!r) return {0, json()};
    return {r->status, json::parse(r->body, nullptr, false)};
  }
  static json request(const std::string& prompt, json computer_use = json{{"environment", "ENVIRONMENT_BROWSER"}}) {
    return json{{"contents", json::array({json{{"role", "user"}, {"parts", json::array({json{{"text", prompt}}})}}})},
                {"tools", json::array({json{{"computerUse", computer_use}}})}};
  }
  // The model's turn from `answer` appended to `body`, and the client's functionResponse after it.
  static void perform(json& body, const json& answer, const std::string& url, bool screenshot = true) {
    const json call = answer["candidates"][0]["content"]["parts"][0]["functionCall"];
    body["contents"].push_back(answer["candidates"][0]["content"]);
    json response{{"name", call["name"]}, {"response", json{{"url", url}}}};
    if (screenshot) {
      response["parts"] = json::array({json{{"inlineData", json{{"mimeType", "image/png"}, {"data", "iVBORw0KGgo="}}}}});
    }
    body["contents"].push_back(json{{"role", "user"}, {"parts", json::array({json{{"functionResponse", response}}})}});
  }
  static json call_of(const json& answer) { return answer["candidates"][0]["content"]["parts"][0]["functionCall"]; }
};

TEST_F(ComputerUseTest, TheModelWalksItsActionsAndEndsWithText) {
  json body = request("Go to https://shop.example.com/ and search for \"blue shoes\".");
  auto [s1, a1] = generate(kComputerUseModel, body);
  ASSERT_EQ(s1, 200) << a1.dump();
  EXPECT_EQ(call_of(a1)["name"], "open_web_browser");
  EXPECT_EQ(call_of(a1)["args"], json::object());
  EXPECT_EQ(a1["candidates"][0]["content"]["role"], "model");

  perform(body, a1, "about:blank");
  auto [s2, a2] = generate(kComputerUseModel, body);
  ASSERT_EQ(s2, 200) << a2.dump();
  EXPECT_EQ(call_of(a2)["name"], "navigate");
  EXPECT_EQ(call_of(a2)["args"]["url"], "https://shop.example.com/");

  perform(body, a2, "https://shop.example.com/");
  auto [s3, a3] = generate(kComputerUseModel, body);
  ASSERT_EQ(s3, 200) << a3.dump();
  const json typed = call_of(a3);
  EXPECT_EQ(typed["name"], "type_text_at");
  EXPECT_EQ(typed["args"]["text"], "blue shoes");
  EXPECT_EQ(typed["args"]["press_enter"], true);
  for (const char* axis : {"x", "y"}) {
    ASSERT_TRUE(typed["args"][axis].is_number_integer()) << typed.dump();
    EXPECT_GE(typed["args"][axis].get<int>(), 0);
    EXPECT_LE(typed["args"][axis].get<int>(), 999);
  }
  // Deterministic: the same conversation, the same point.
  auto [s3b, a3b] = generate(kComputerUseModel, body);
  EXPECT_EQ(call_of(a3b), typed);

  perform(body, a3, "https://shop.example.com/search?q=blue+shoes");
  auto [s4, a4] = generate(kComputerUseModel, body);
  ASSERT_EQ(s4, 200) << a4.dump();
  const json part = a4["candidates"][0]["content"]["parts"][0];
  ASSERT_TRUE(part.contains("text")) << a4.dump();
  EXPECT_NE(part["text"].get<std::string>().find("https://shop.example.com/search?q=blue+shoes"), std::string::npos);
  EXPECT_EQ(a4["candidates"][0]["finishReason"], "STOP");
}

TEST_F(ComputerUseTest, WithoutAnAddressOrTextTheModelClicksAndExcludedActionsAreSkipped) {
  json plain = request("Open the settings menu");
  perform(plain, generate(kComputerUseModel, plain).second, "about:blank");
  auto [s, clicked] = generate(kComputerUseModel, plain);
  ASSERT_EQ(s, 200) << clicked.dump();
  EXPECT_EQ(call_of(clicked)["name"], "click_at");
  EXPECT_TRUE(call_of(clicked)["args"]["x"].is_number_integer());

  json excluded = request("Visit example.org/docs", json{{"environment", "ENVIRONMENT_BROWSER"},
                                                          {"excludedPredefinedFunctions", {"open_web_browser", "click_at"}}});
  auto [s1, first] = generate(kComputerUseModel, excluded);
  ASSERT_EQ(s1, 200) << first.dump();
  EXPECT_EQ(call_of(first)["name"], "navigate");
  EXPECT_EQ(call_of(first)["args"]["url"], "https://example.org/docs");
  perform(excluded, first, "https://example.org/docs");
  auto [s2, done] = generate(kComputerUseModel, excluded);
  ASSERT_EQ(s2, 200) << done.dump();
  EXPECT_TRUE(done["candidates"][0]["content"]["parts"][0].contains("text")) << done.dump();
}

TEST_F(ComputerUseTest, AResponseWithoutAScreenshotEndsTheLoop) {
  json body = request("Go to https://example.com");
  perform(body, generate(kComputerUseModel, body).second, "about:blank", /*screenshot=*/false);
  auto [s, answer] = generate(kComputerUseModel, body);
  ASSERT_EQ(s, 200) << answer.dump();
  const json part = answer["candidates"][0]["content"]["parts"][0];
  ASSERT_TRUE(part.contains("text")) << answer.dump();
  EXPECT_NE(part["text"].get<std::string>().find("screenshot"), std::string::npos);
}

// Through libgenai's types: a purchase's click carries a safety decision
// (FunctionCall::safety_decision); performed without the user's yes it is
// refused, acknowledged (FunctionResponse::acknowledge_safety_decision, the
// screenshot added with add_inline_data) the loop ends with text. Scroll and
// drag are planned when the prompt asks for them.
TEST_F(ComputerUseTest, APurchaseWaitsForTheUsersConfirmation) {
  Models models = client().models();
  GenerateContentConfig config;
  config.tools = {Tool{.computer_use = ComputerUse{"ENVIRONMENT_BROWSER", {}}}};
  const std::string prompt = "Go to https://shop.example.com/cart, scroll down and buy the blue shoes.";
  // `confirm`: what the user says to an action that asks.
  const auto run = [&](bool confirm, std::vector<FunctionCall>& actions) -> Result<GenerateContentResponse> {
    std::vector<Content> contents = {Content::from_text(prompt)};
    for (int i = 0; i < 10; ++i) {
      Result<GenerateContentResponse> r = models.generate_content(kComputerUseModel, contents, config);
      if (!r || r->function_calls().empty()) return r;
      const FunctionCall call = r->function_calls().front();
      actions.push_back(call);
      contents.push_back(*r->candidates[0].content);
      FunctionResponse done{std::nullopt, call.name, Json{{"url", "https://shop.example.com/step" + std::to_string(i)}}};
      done.add_inline_data("\x89PNG\r\n\x1a\n", "image/png");
      if (std::optional<SafetyDecision> d = call.safety_decision(); d && d->requires_confirmation() && confirm) {
        done.acknowledge_safety_decision();
      }
      contents.push_back(Content{"user", {Part::from_function_response(std::move(done))}});
    }
    return make_invalid_argument_error("no closing text after 10 actions");
  };

  std::vector<FunctionCall> actions;
  Result<GenerateContentResponse> finished = run(true, actions);
  ASSERT_TRUE(finished.ok()) << finished.error().to_string();
  EXPECT_NE(finished->text().find("step3"), std::string::npos) << finished->text();
  std::vector<std::string> names;
  for (const FunctionCall& a : actions) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"open_web_browser", "navigate", "scroll_document", "click_at"}));
  EXPECT_EQ(actions[2].args["direction"], "down");
  EXPECT_FALSE(actions[1].safety_decision());
  ASSERT_TRUE(actions[3].safety_decision());
  EXPECT_TRUE(actions[3].safety_decision()->requires_confirmation());
  EXPECT_NE(actions[3].safety_decision()->explanation.find("buy"), std::string::npos);

  std::vector<FunctionCall> unconfirmed;
  Result<GenerateContentResponse> refused = run(false, unconfirmed);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 400);
  EXPECT_NE(refused.error().message.find("safety_acknowledgement"), std::string::npos) << refused.error().message;

  json drag = request("Open example.org/board and drag the card to the done column");
  for (int i = 0; i < 2; ++i) perform(drag, generate(kComputerUseModel, drag).second, "https://example.org/board");
  auto [s, dragged] = generate(kComputerUseModel, drag);
  ASSERT_EQ(s, 200) << dragged.dump();
  EXPECT_EQ(call_of(dragged)["name"], "drag_and_drop");
  for (const char* axis : {"x", "y", "destination_x", "destination_y"}) {
    ASSERT_TRUE(call_of(dragged)["args"][axis].is_number_integer()) << dragged.dump();
    EXPECT_LE(call_of(dragged)["args"][axis].get<int>(), 999);
  }
  EXPECT_FALSE(call_of(dragged)["args"].contains("safety_decision"));
}

TEST_F(ComputerUseTest, TheToolAndTheModelGoTogether) {
  json no_tool = request("Go to https://example.com");
  no_tool.erase("tools");
  auto [s1, e1] = generate(kComputerUseModel, no_tool);
  EXPECT_EQ(s1, 400);
  EXPECT_EQ(e1["error"]["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(e1["error"]["message"], "This model requires the use of the Computer Use tool.");
  auto [s2, e2] = generate("gemini-2.5-flash", request("Go to https://example.com"));
  EXPECT_EQ(s2, 400) << e2.dump();
  EXPECT_EQ(e2["error"]["status"], "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace genai::testing
