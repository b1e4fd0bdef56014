// The Computer Use tool (Tool.computerUse, environment ENVIRONMENT_BROWSER),
// simulated deterministically. Google's computer-use model answers a task
// with one of its predefined UI actions at a time (open_web_browser,
// navigate, search, click_at, type_text_at, ...; coordinates on a 1000x1000
// grid, 0-999), the client performs it and sends back a functionResponse
// with the page's `url` and a screenshot as an inlineData part, and the model
// goes on until it answers with text. Here the actions follow from the prompt
// alone: open the browser; navigate to the first URL the prompt names, or
// go to the search page when it asks to search; wait 5 seconds and scroll
// when it says so; then the step that does the task: type the text it
// quotes (or the words after "search for"), else press the keys it names
// ("press ctrl+c": key_combination "Control+C"), else drag, hover or, by
// default, click in the page; and last go back or forward when it says so.
// When the prompt buys, pays, deletes or accepts something, the task's step
// carries a safety_decision asking for the user's confirmation. Actions
// named in excludedPredefinedFunctions are left out. Reads the request as
// plain JSON.
#ifndef GENAI_EMULATOR_BACKEND_COMPUTER_USE_H_
#define GENAI_EMULATOR_BACKEND_COMPUTER_USE_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

// Google's predefined Computer Use actions (browser environment).
const std::vector<std::string>& computer_use_actions();
bool is_computer_use_action(const std::string& name);

struct ComputerUseAction {
  std::string name;
  nlohmann::ordered_json args;  // an object
};

// What the model does next in a Computer Use loop: an action, or (when the
// plan is done, or the last action's response brought no screenshot) the
// closing text.
struct ComputerUseStep {
  std::optional<ComputerUseAction> action;
  std::string text;
};

// The actions planned for `prompt`, without those excluded.
std::vector<ComputerUseAction> computer_use_plan(const std::string& prompt, const std::vector<std::string>& excluded);

// The name of an action whose call carried a safety_decision of
// "require_confirmation" and whose functionResponse in `contents` does not
// acknowledge it ("safety_acknowledgement": "true"); nullopt if none. The
// client must ask its user before performing such an action and say so.
std::optional<std::string> unacknowledged_safety_decision(const nlohmann::ordered_json& contents);

// The next step for a request whose tools include computerUse: `turns` are
// the contents from the prompt's turn on (the functionResponses there tell
// how far the plan got).
ComputerUseStep computer_use_step(const nlohmann::ordered_json& body, const std::string& prompt,
                                  const nlohmann::ordered_json& turns);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_COMPUTER_USE_H_
