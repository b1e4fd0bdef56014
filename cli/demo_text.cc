#include "cli/demo_text.h"

#include <iterator>

namespace genai::cli {
namespace {

struct DemoEntry {
  D id;
  const char* en;
  const char* zh;
};

// One row per text, in the order of enum D (checked below). Vocabulary as
// in messages.cc, after the tutorial.
constexpr DemoEntry kDemoEntries[] = {
    {D::kTitle, "genai demo: the Gemini credential tutorial, whole and offline",
     "genai demo：完整的 Gemini 凭据教程，离线运行"},
    {D::kIntro,
     "A Google emulator runs inside this process at {0}: projects, API enablement, API keys, service accounts, "
     "OAuth, IAM and the Gemini APIs, with no network access. Each step runs the genai commands you would type, in "
     "{1}. You are owner@example.com, Owner of demo-project and fresh-project, signed in as `gcloud auth "
     "application-default login` would leave you (owner.json).",
     "一个 Google 模拟器在本进程内运行于 {0}：项目、API 启用、API 密钥、服务账号、OAuth、IAM 和 Gemini API，"
     "无需联网。每一步都在 {1} 中运行你自己会输入的 genai 命令。你是 owner@example.com，demo-project 和 "
     "fresh-project 的项目所有者（Owner），已像 `gcloud auth application-default login` 那样登录（owner.json）。"},
    {D::kEmulatorFailed, "cannot start the emulator: {0}", "无法启动模拟器：{0}"},
    {D::kNoDirectory, "cannot create the demo's directory under $TMPDIR or /tmp", "无法在 $TMPDIR 或 /tmp 下创建演示目录"},
    {D::kBadStep, "--step must be between 1 and {0} (0 or none: every step)", "--step 必须在 1 到 {0} 之间（0 或不指定：全部步骤）"},
    {D::kStepFailed, "step {0} did not behave as the tutorial says; the demo stops here",
     "第 {0} 步的结果与教程所述不符，演示到此停止"},
    {D::kDone, "Done: every step behaved as narrated, against {0}, with no network access.",
     "完成：每一步的结果都与所述一致，全部在 {0} 上离线完成。"},
    {D::kKeepTitle, "The emulator keeps running at {0} until Ctrl-C.", "模拟器继续在 {0} 上运行，按 Ctrl-C 结束。"},
    {D::kKeepHow,
     "  genai:    export GOOGLE_GEMINI_BASE_URL={0} GOOGLE_VERTEX_BASE_URL={0} GENAI_CLOUD_BASE_URL={0}\n"
     "            genai --api-key-file {1}/local.key generate \"Hello\"\n"
     "  curl:     curl -H \"x-goog-api-key: $(cat {1}/local.key)\" -H 'Content-Type: application/json' \\\n"
     "              -d '{\"contents\":[{\"parts\":[{\"text\":\"Hello\"}]}]}' \\\n"
     "              {0}/v1beta/models/gemini-2.5-flash:generateContent\n"
     "  browser:  {0}/console (the Cloud Console and AI Studio pages)\n"
     "  SDKs:     Python: genai.Client(api_key=..., http_options={\"base_url\": \"{0}\"})\n"
     "            JavaScript: new GoogleGenAI({apiKey, httpOptions: {baseUrl: \"{0}\"}})\n"
     "  keys:     {1} (owner.json, sa.json, *.key; mode 600)\n"
     "  state:    {3} (written when the emulator stops: genai-emulator --state {3} serves it again)\n"
     "  admin API token: {2}",
     "  genai：   export GOOGLE_GEMINI_BASE_URL={0} GOOGLE_VERTEX_BASE_URL={0} GENAI_CLOUD_BASE_URL={0}\n"
     "            genai --api-key-file {1}/local.key generate \"你好\"\n"
     "  curl：    curl -H \"x-goog-api-key: $(cat {1}/local.key)\" -H 'Content-Type: application/json' \\\n"
     "              -d '{\"contents\":[{\"parts\":[{\"text\":\"你好\"}]}]}' \\\n"
     "              {0}/v1beta/models/gemini-2.5-flash:generateContent\n"
     "  浏览器：  {0}/console（Cloud Console 与 AI Studio 页面）\n"
     "  SDK：     Python：genai.Client(api_key=..., http_options={\"base_url\": \"{0}\"})\n"
     "            JavaScript：new GoogleGenAI({apiKey, httpOptions: {baseUrl: \"{0}\"}})\n"
     "  密钥：    {1}（owner.json、sa.json、*.key；权限 600）\n"
     "  状态：    {3}（模拟器停止时写入；genai-emulator --state {3} 可再次加载）\n"
     "  管理 API 令牌：{2}"},
    {D::kExpectedSuccess, "works, as narrated", "成功，与所述一致"},
    {D::kExpectedRefusal, "refused, as narrated ({0})", "被拒绝，与所述一致（{0}）"},
    {D::kCheckTimedOut, "the command did not finish in time", "命令未在限定时间内结束"},
    {D::kCheckShouldSucceed, "the command should have worked; it exited with {0}", "该命令本应成功，却以 {0} 退出"},
    {D::kCheckShouldFail, "the command should have been refused; it worked", "该命令本应被拒绝，却成功了"},
    {D::kCheckShouldShow, "its output should show \"{0}\"", "其输出中应出现“{0}”"},

    {D::kStepKeyBeforeApi, "A project whose Gemini API is not enabled: its Console key, and AI Studio's Get API key",
     "项目尚未启用 Gemini API：它的 Console 密钥，以及 AI Studio 的 Get API key"},
    {D::kStepEnableApi, "Enable the APIs (the Console's Enable button, done by `genai setup`)",
     "启用 API（即 Console 中的“启用”按钮，由 `genai setup` 完成）"},
    {D::kStepStudioKey, "An AI Studio key: the Gemini API and nothing else", "AI Studio 密钥：只能调用 Gemini API"},
    {D::kStepRestrict, "Restrict the Console key: one API, your servers' addresses", "限制 Console 密钥：只允许一个 API、只允许你的服务器地址"},
    {D::kStepEditor, "Application data: a service account with Editor, to test", "Application data：授予编辑者（Editor）角色的服务账号，先用于测试"},
    {D::kStepTighten, "Tighten to Vertex AI User", "收紧为 Vertex AI 用户角色"},
    {D::kStepUserData, "User data: an OAuth client, and the Project Owner's own credentials",
     "User data：OAuth 客户端，以及项目所有者自己的凭据"},
    {D::kStepCompare, "The four kinds of credential, as observed", "四类凭据对比（根据本次演示的实际结果）"},

    {D::kKeyBeforeApiWhy,
     "In fresh-project a key was made in Cloud Console > APIs & Services > Credentials before anyone enabled the "
     "Generative Language API: the tutorial's first stumbling block. The key is valid; the project may not call "
     "the API yet.",
     "在 fresh-project 中，有人先在 Cloud Console → APIs & Services → Credentials 创建了密钥，却没有启用 "
     "Generative Language API：这是教程中的第一个坑。密钥本身有效，但项目还不能调用该 API。"},
    {D::kKeyBeforeApiDoctor, "genai doctor says why, and how to fix it:", "genai doctor 会指出原因和修复方法："},
    {D::kEnableApiWhy,
     "As the owner, enable the Generative Language API and the Vertex AI API (Service Usage, as the Console's "
     "Enable button does). The key does not change.",
     "以项目所有者身份启用 Generative Language API 和 Vertex AI API（通过 Service Usage，和 Console 的“启用”按钮"
     "一样）。密钥本身不需要改变。"},
    {D::kEnableApiNowWorks, "The same key now works:", "同一个密钥现在可以用了："},
    {D::kStudioKeyWhy,
     "The key AI Studio just made is bound to the Gemini API (generativelanguage.googleapis.com):",
     "AI Studio 刚生成的密钥只绑定 Gemini API（generativelanguage.googleapis.com）："},
    {D::kStudioKeyOtherApi,
     "Vertex AI (aiplatform.googleapis.com) is another API. The AI Studio key is refused there:",
     "Vertex AI（aiplatform.googleapis.com）是另一个 API，AI Studio 密钥在那里会被拒绝："},
    {D::kStudioKeyConsoleMay,
     "while the Console key, with no API restriction, may call any API enabled in its project (here Vertex AI in "
     "express mode):",
     "而没有 API 限制的 Console 密钥可以调用其项目中已启用的任何 API（这里是 Vertex AI 快速模式）："},
    {D::kRestrictWhy,
     "An unrestricted key works for every enabled API, from anywhere: whoever finds it can spend your quota. Make "
     "a key restricted to the Gemini API and to your servers' addresses (203.0.113.0/24 here), as `genai setup` "
     "does through API Keys v2:",
     "不加限制的密钥可以从任何地方调用所有已启用的 API：谁拿到它都能消耗你的配额。用 `genai setup`（通过 API Keys v2）"
     "创建一个只允许 Gemini API、只允许你的服务器地址（这里是 203.0.113.0/24）的密钥："},
    {D::kRestrictOutside, "This machine (127.0.0.1) is outside that range:", "本机（127.0.0.1）不在该地址范围内："},
    {D::kRestrictDoctor,
     "genai doctor, allowed to look the key up as the owner (--admin-credentials), names the restriction:",
     "genai doctor 以项目所有者身份查询该密钥（--admin-credentials），指出是哪条限制："},
    {D::kRestrictInside,
     "A key restricted to this machine's address works here; its API restriction still keeps it off Vertex AI:",
     "限制为本机地址的密钥在这里可以使用；它的 API 限制仍然让它无法调用 Vertex AI："},
    {D::kRestrictTypo, "A mistyped key is refused as invalid, not as forbidden:", "输错的密钥会被判定为无效，而不是无权限："},
    {D::kEditorWhy,
     "Application data: the application gets an identity of its own, a service account, and a JSON key to prove "
     "it. The tutorial grants Editor to get going (`genai setup` refuses a broad role unless told "
     "--allow-broad-role):",
     "Application data：应用拥有自己的身份，即服务账号，并用 JSON 密钥证明身份。教程为了先跑通而授予编辑者（Editor）"
     "角色（`genai setup` 默认拒绝这种宽泛角色，除非指定 --allow-broad-role）："},
    {D::kEditorCalls, "The key file is exchanged for an OAuth token, and Vertex AI answers:",
     "密钥文件被换成 OAuth 访问令牌，Vertex AI 返回了回答："},
    {D::kEditorDoctor, "It works, but genai doctor warns that Editor is far more than a caller needs:",
     "可以调用，但 genai doctor 警告：编辑者角色远超调用所需的权限："},
    {D::kTightenWhy,
     "Grant Vertex AI User and take Editor back, in one change of the project's IAM policy:",
     "授予 Vertex AI 用户角色并收回编辑者角色，在项目 IAM 策略的一次修改中完成："},
    {D::kTightenCalls, "The same calls work with the one permission they need (aiplatform.endpoints.predict):",
     "同样的调用只需一个权限（aiplatform.endpoints.predict）就能成功："},
    {D::kTightenNoAdmin, "and the service account can no longer administer the project:",
     "而服务账号再也不能管理项目了："},
    {D::kUserDataWhy,
     "User data: an application that acts for its users needs an OAuth client (Credentials > Create credentials > "
     "OAuth client ID; a Console page with no public API, done here on the emulator's state) and each user's "
     "consent.",
     "User data：代表用户访问数据的应用需要一个 OAuth 客户端（Credentials → Create credentials → OAuth client ID；"
     "这个 Console 页面没有公开 API，这里直接在模拟器状态中完成），以及每位用户的授权同意。"},
    {D::kUserDataClient, "OAuth client {0}, in client_secret.json.", "OAuth 客户端 {0}，保存在 client_secret.json 中。"},
    {D::kUserDataConsent,
     "owner@example.com signs in and consents (in a browser; simulated here), which gives user.json: user "
     "credentials of the Project Owner. The owner may administer the project:",
     "owner@example.com 登录并同意授权（本应在浏览器中；这里是模拟的），得到 user.json：项目所有者的用户凭据。"
     "所有者可以管理项目："},
    {D::kUserDataCalls, "and, holding every permission, can call Gemini as well:", "并且因为拥有全部权限，也能调用 Gemini："},
    {D::kUserDataDoctor,
     "genai doctor advises against it: a Project Owner is for administration, not for calling APIs.",
     "genai doctor 建议不要这样做：项目所有者用于管理，而不是用来调用 API。"},
    {D::kCompareWhy,
     "What each kind of credential did in this demo (the tutorial's comparison, filled in from what was observed):",
     "本次演示中每类凭据的实际表现（即教程中的对比表，由实际观察结果填写）："},
    {D::kCompareColCredential, "credential", "凭据"},
    {D::kCompareColGemini, "Gemini API", "Gemini API"},
    {D::kCompareColVertex, "Vertex AI", "Vertex AI"},
    {D::kCompareColAdmin, "administer the project", "管理项目"},
    {D::kCompareLegend, "✓ worked  ✗ refused  – not tried in this demo", "✓ 成功  ✗ 被拒绝  – 本次演示未尝试"},
    {D::kAiStudioPage, "AI Studio › Get API key › Create API key in existing project › {0}   ({1})",
     "AI Studio › Get API key › Create API key in existing project › {0}（{1}）"},
    {D::kAiStudioKeyMade, "API key {0}, shown once: saved to {1} (mode 600)", "API 密钥 {0}，只显示这一次：已保存到 {1}（权限 600）"},
    {D::kStudioBeforeApi,
     "AI Studio's \"Get API key\" in the same project fails too, and says only this (the tutorial quotes it):",
     "在同一个项目中使用 AI Studio 的“Get API key”也会失败，而且只显示下面这句话（教程原文引用过）："},
    {D::kStudioAfterApi, "Now AI Studio's \"Get API key\" works as well:", "现在 AI Studio 的“Get API key”也能成功了："},
};

static_assert(std::size(kDemoEntries) == static_cast<size_t>(D::kCount), "every demo text needs its row");

constexpr bool demo_entries_in_order() {
  for (size_t i = 0; i < std::size(kDemoEntries); ++i) {
    if (static_cast<size_t>(kDemoEntries[i].id) != i) return false;
  }
  return true;
}
static_assert(demo_entries_in_order(), "kDemoEntries must follow the order of enum D");

}  // namespace

std::string say_demo(Lang lang, D id, std::initializer_list<std::string_view> args) {
  const DemoEntry& e = kDemoEntries[static_cast<size_t>(id)];
  return fill_placeholders(lang == Lang::kZh ? e.zh : e.en, args);
}

}  // namespace genai::cli
