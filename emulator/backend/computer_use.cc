// The Computer Use loop (computer_use.h): a plan of predefined UI actions
// derived from the prompt, walked one action per model turn.
#include "emulator/backend/computer_use.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "emulator/backend/builtin_tools.h"
#include "emulator/backend/generator.h"

namespace genai::emulator {
namespace computer_use_detail {

using ojson = nlohmann::ordered_json;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The first web address of the prompt: an http(s) URL, else a bare host
// ("example.com/docs") made https.
std::string first_address(const std::string& prompt) {
  if (const std::vector<std::string> urls = urls_in(prompt); !urls.empty()) return urls.front();
  static const std::regex host(R"((^|[\s(<"'])((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?:/[^\s)>"']*)?))");
  std::smatch m;
  if (!std::regex_search(prompt, m, host)) return "";
  std::string address = m[2].str();
  while (!address.empty() && (address.back() == '.' || address.back() == ',')) address.pop_back();
  return "https://" + address;
}

// What the prompt asks to type: the first quoted text ("..." or '...' or
// curly quotes), else the words after "search for" up to the sentence's end.
std::string text_to_type(const std::string& prompt) {
  static const std::regex quoted(R"re("([^"]+)"|'([^']+)'|“([^”]+)”)re");
  std::smatch m;
  if (std::regex_search(prompt, m, quoted)) {
    for (int i = 1; i <= 3; ++i) {
      if (m[i].matched) return m[i].str();
    }
  }
  const std::string l = lower(prompt);
  const size_t at = l.find("search for ");
  if (at == std::string::npos) return "";
  std::string rest = prompt.substr(at + 11);
  rest = rest.substr(0, rest.find_first_of(".!?\n"));
  while (!rest.empty() && rest.back() == ' ') rest.pop_back();
  return rest;
}

// The keys the prompt asks to press ("press ctrl+shift+t", "hit Enter"), as
// Google's key_combination names them ("Control+Shift+T", "Enter"); "" if none.
std::string keys_to_press(const std::string& prompt) {
  static const std::regex press(R"re(\b(?:press|hit)\s+((?:[A-Za-z]+\+)*[A-Za-z0-9]+)\b)re", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(prompt, m, press)) return "";
  static const std::vector<std::pair<std::string, std::string>> names = {
      {"ctrl", "Control"}, {"control", "Control"}, {"cmd", "Meta"},     {"command", "Meta"},   {"meta", "Meta"},
      {"alt", "Alt"},      {"option", "Alt"},      {"shift", "Shift"},  {"enter", "Enter"},    {"return", "Enter"},
      {"esc", "Escape"},   {"escape", "Escape"},   {"tab", "Tab"},      {"space", "Space"},    {"backspace", "Backspace"},
      {"delete", "Delete"}};
  const std::string combo = m[1].str();
  std::string out;
  size_t start = 0;
  while (start <= combo.size()) {
    const size_t plus = combo.find('+', start);
    const std::string key = lower(combo.substr(start, plus == std::string::npos ? std::string::npos : plus - start));
    std::string named;
    for (const auto& [word, name] : names) {
      if (key == word) named = name;
    }
    if (named.empty()) {
      if (key.size() != 1) return "";  // "press the button": not a key
      named = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(key[0]))));
    }
    out += (out.empty() ? "" : "+") + named;
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return out;
}

// A point on Google's 1000x1000 grid (0-999), the same for the same prompt and step.
ojson point(const std::string& prompt, std::uint64_t salt) {
  const std::uint64_t h = TextGenerator::hash(prompt, 0xC0FFEE + salt);
  // Away from the edges, where pages keep their content.
  return ojson{{"x", static_cast<int>(100 + h % 800)}, {"y", static_cast<int>(100 + (h >> 20) % 800)}};
}

// The word of the prompt that makes its last action one the safety service
// asks the user to confirm first (a purchase, a deletion, a consent); "" if none.
std::string risky_word(const std::string& prompt) {
  static const std::regex risky(R"(\b(buy|purchase|checkout|pay|delete|remove|accept|agree|subscribe)\b)");
  const std::string l = lower(prompt);
  std::smatch m;
  return std::regex_search(l, m, risky) ? m[1].str() : "";
}

// A response that acknowledges a safety decision: "safety_acknowledgement":
// "true" in its response (Google's guide sends the string; true is taken too).
bool acknowledged(const ojson& function_response) {
  const ojson response = function_response.value("response", ojson::object());
  auto it = response.find("safety_acknowledgement");
  if (it == response.end()) return false;
  return (it->is_string() && lower(it->get<std::string>()) == "true") || (it->is_boolean() && it->get<bool>());
}

// The inlineData image among a functionResponse's parts, if any.
bool has_screenshot(const ojson& function_response) {
  for (const ojson& p : function_response.value("parts", ojson::array())) {
    const ojson blob = p.value("inlineData", ojson::object());
    if (blob.value("mimeType", "").rfind("image/", 0) == 0 && !blob.value("data", "").empty()) return true;
  }
  return false;
}

}  // namespace computer_use_detail

const std::vector<std::string>& computer_use_actions() {
  static const std::vector<std::string> names = {
      "open_web_browser", "wait_5_seconds", "go_back",  "go_forward",      "search",    "navigate",     "click_at",
      "hover_at",         "type_text_at",   "key_combination", "scroll_document", "scroll_at", "drag_and_drop"};
  return names;
}

bool is_computer_use_action(const std::string& name) {
  const auto& names = computer_use_actions();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<ComputerUseAction> computer_use_plan(const std::string& prompt, const std::vector<std::string>& excluded) {
  using namespace computer_use_detail;
  std::vector<ComputerUseAction> plan;
  // Adds an action unless it is excluded; whether it was added.
  const auto add = [&](std::string name, ojson args) {
    if (std::find(excluded.begin(), excluded.end(), name) != excluded.end()) return false;
    plan.push_back({std::move(name), std::move(args)});
    return true;
  };
  const std::string address = first_address(prompt);
  const std::string text = text_to_type(prompt);
  const std::string keys = keys_to_press(prompt);
  const std::string l = lower(prompt);
  const auto says = [&](const char* pattern) { return std::regex_search(l, std::regex(pattern)); };

  add("open_web_browser", ojson::object());
  if (!address.empty()) {
    add("navigate", ojson{{"url", address}});
  } else if (!text.empty()) {
    add("search", ojson::object());
  }
  if (says(R"(\bwait\b)")) add("wait_5_seconds", ojson::object());
  if (l.find("scroll") != std::string::npos) {
    add("scroll_document", ojson{{"direction", l.find("scroll up") != std::string::npos ? "up" : "down"}});
  }
  // The action that does what the prompt asks.
  bool main_added = false;
  if (!text.empty()) {
    ojson args = point(prompt, 1);
    args["text"] = text;
    args["press_enter"] = true;
    args["clear_before_typing"] = true;
    main_added = add("type_text_at", std::move(args));
  } else if (!keys.empty()) {
    main_added = add("key_combination", ojson{{"keys", keys}});
  } else if (l.find("drag") != std::string::npos) {
    ojson args = point(prompt, 3);
    const ojson to = point(prompt, 4);
    args["destination_x"] = to["x"];
    args["destination_y"] = to["y"];
    main_added = add("drag_and_drop", std::move(args));
  } else if (says(R"(\bhover)")) {
    main_added = add("hover_at", point(prompt, 5));
  } else {
    main_added = add("click_at", point(prompt, 2));
  }
  // That step waits for the user's yes when it is a purchase, a deletion or
  // a consent (not when it is the only step left of the plan).
  if (const std::string word = risky_word(prompt); !word.empty() && main_added && plan.size() > 1) {
    plan.back().args["safety_decision"] =
        ojson{{"decision", "require_confirmation"},
              {"explanation", "This step may " + word +
                                  " something on the user's behalf, which may not be undone. Ask the user to "
                                  "confirm before performing it."}};
  }
  if (says(R"(\bgo back\b|\bback to the previous page\b)")) add("go_back", ojson::object());
  if (says(R"(\bgo forward\b)")) add("go_forward", ojson::object());
  return plan;
}

std::optional<std::string> unacknowledged_safety_decision(const nlohmann::ordered_json& contents) {
  using namespace computer_use_detail;
  // The actions that asked for confirmation, by name, in the order asked.
  std::vector<std::string> pending;
  for (const ojson& turn : contents) {
    if (!turn.is_object()) continue;
    for (const ojson& p : turn.value("parts", ojson::array())) {
      if (!p.is_object()) continue;
      if (auto call = p.find("functionCall"); call != p.end() && call->is_object()) {
        const ojson decision = call->value("args", ojson::object()).value("safety_decision", ojson::object());
        if (decision.is_object() && decision.value("decision", "") == "require_confirmation") {
          pending.push_back(call->value("name", ""));
        }
      } else if (auto response = p.find("functionResponse"); response != p.end() && response->is_object()) {
        const std::string name = response->value("name", "");
        auto it = std::find(pending.begin(), pending.end(), name);
        if (it == pending.end()) continue;
        if (!acknowledged(*response)) return name;
        pending.erase(it);
      }
    }
  }
  return std::nullopt;
}

ComputerUseStep computer_use_step(const nlohmann::ordered_json& body, const std::string& prompt,
                                  const nlohmann::ordered_json& turns) {
  using namespace computer_use_detail;
  std::vector<std::string> excluded;
  for (const ojson& tool : body.value("tools", ojson::array())) {
    if (!tool.is_object() || !tool.contains("computerUse")) continue;
    for (const ojson& name : tool["computerUse"].value("excludedPredefinedFunctions", ojson::array())) {
      if (name.is_string()) excluded.push_back(name.get<std::string>());
    }
  }
  // The actions already performed: the responses to predefined actions since the prompt.
  std::vector<ojson> done;
  for (const ojson& turn : turns) {
    for (const ojson& p : turn.value("parts", ojson::array())) {
      if (p.contains("functionResponse") && is_computer_use_action(p["functionResponse"].value("name", ""))) {
        done.push_back(p["functionResponse"]);
      }
    }
  }
  ComputerUseStep step;
  if (!done.empty() && !has_screenshot(done.back())) {
    step.text = "I cannot see the screen after " + done.back().value("name", std::string("the last action")) +
                ": send its screenshot as an image part of the function response to continue.";
    return step;
  }
  const std::vector<ComputerUseAction> plan = computer_use_plan(prompt, excluded);
  if (done.size() < plan.size()) {
    step.action = plan[done.size()];
    return step;
  }
  std::string url;
  if (!done.empty()) url = done.back().value("response", ojson::object()).value("url", "");
  step.text = plan.empty() ? "None of the browser actions I may use can do this task."
                           : "Done: I took " + std::to_string(done.size()) + " browser action" +
                                 (done.size() == 1 ? "" : "s") + (url.empty() ? "." : " and the page is now " + url + ".");
  return step;
}

}  // namespace genai::emulator
