#include "cli/messages.h"

#include <array>
#include <cstdlib>
#include <regex>
#include <utility>

namespace genai::cli {
namespace {

struct Entry {
  M id;
  const char* en;
  const char* zh;
};

// One row per message, in the order of the enum (checked at startup by
// table() below). Vocabulary follows the tutorial: API 密钥, 服务账号,
// 项目所有者 (Owner), 编辑者 (Editor), Vertex AI 用户, 启用 API.
constexpr Entry kEntries[] = {
    {M::kExplainTitle, "Credential kinds for Gemini: what each is, what it can call, its risks, and what to use",
     "调用 Gemini 的各类凭据：是什么、能调用什么、有何风险、该怎么用"},
    {M::kExplainColKind, "kind", "类型"},
    {M::kExplainColWhat, "what it is", "是什么"},
    {M::kExplainColCalls, "what it can call", "可调用的 API"},
    {M::kExplainColRisks, "risks", "安全风险"},
    {M::kExplainColAdvice, "recommendation", "建议"},

    {M::kKindConsoleKey, "Cloud Console API key", "Cloud Console API 密钥"},
    {M::kKindConsoleKeyWhat,
     "An AIza... key made in Cloud Console > APIs & Services > Credentials; belongs to a GCP project",
     "在 Google Cloud Console → APIs & Services → Credentials 创建的 AIza... 密钥，属于某个 GCP 项目"},
    {M::kKindConsoleKeyCalls,
     "Every API enabled in its project (Gemini, Maps, ...) that its API restrictions allow; also Vertex AI express mode",
     "项目中已启用、且 API 限制允许的所有 API（Gemini、Maps 等）；也可用于 Vertex AI 快速模式"},
    {M::kKindConsoleKeyRisks,
     "Anyone holding the key can call as your project and spend its quota and money; no per-operation control",
     "密钥一旦泄露，任何人都能以你的项目身份调用、消耗配额和费用；无法做细粒度的操作控制"},
    {M::kKindConsoleKeyAdvice,
     "Fine for backends, scripts and production: restrict it to the APIs it needs and to your IPs or referrers",
     "适合后端、脚本和生产环境：务必加 API 限制和 IP/Referrer 限制"},

    {M::kKindStudioKey, "AI Studio API key", "AI Studio API 密钥"},
    {M::kKindStudioKeyWhat, "An AIza... key made in AI Studio (aistudio.google.com/apikey), managed by AI Studio",
     "在 AI Studio（aistudio.google.com/apikey）中生成、由 AI Studio 管理的 AIza... 密钥"},
    {M::kKindStudioKeyCalls, "Only the Gemini API (generativelanguage.googleapis.com); no IAM behind it",
     "仅限 Gemini / Generative Language API（generativelanguage.googleapis.com）；不关联 IAM 权限"},
    {M::kKindStudioKeyRisks, "Few restrictions can be set; a leaked key is usable by anyone until deleted",
     "可设置的限制较少；泄露后在删除前任何人都能使用"},
    {M::kKindStudioKeyAdvice, "Quick tests and demos; for production use a restricted Console key or a service account",
     "适合快速测试和演示；生产环境请用加了限制的 Console 密钥或服务账号"},

    {M::kKindServiceAccount, "Service account key (Application data)", "服务账号密钥（Application data）"},
    {M::kKindServiceAccountWhat,
     "A JSON key file of a service account: the application's own identity, exchanged for OAuth tokens",
     "服务账号的 JSON 密钥文件：应用自身的身份，用来换取 OAuth 访问令牌"},
    {M::kKindServiceAccountCalls, "What its IAM roles allow: with Vertex AI User, Gemini on Vertex AI",
     "由授予的 IAM 角色决定：授予 Vertex AI 用户角色后可在 Vertex AI 上调用 Gemini"},
    {M::kKindServiceAccountRisks,
     "A leaked JSON key lets an attacker act with every role of the account, e.g. everything if it holds Editor",
     "JSON 密钥泄露后，攻击者可按该账号的所有角色行事；若授予了编辑者（Editor），几乎能做任何事"},
    {M::kKindServiceAccountAdvice,
     "The right choice for backends: grant only roles/aiplatform.user (not Editor), keep the file mode 600, rotate keys",
     "后端调用的首选：只授予 roles/aiplatform.user（不要用 Editor），文件权限设为 600，定期轮换密钥"},

    {M::kKindUser, "OAuth user credentials (User data / gcloud ADC)", "OAuth 用户凭据（User data / gcloud ADC）"},
    {M::kKindUserWhat,
     "Your own Google account through an OAuth client, as `gcloud auth application-default login` writes it",
     "通过 OAuth 客户端授权的你自己的 Google 账号，即 `gcloud auth application-default login` 写入的凭据"},
    {M::kKindUserCalls, "Everything your account may do in the project (all of your IAM roles)",
     "你的账号在项目中能做的一切（你的全部 IAM 角色）"},
    {M::kKindUserRisks,
     "Calls carry all of your permissions; User data is for reading users' private data, which Gemini does not need",
     "调用带着你的全部权限；User data 用于访问用户私人数据，而 Gemini API 完全不需要"},
    {M::kKindUserAdvice, "Local development only; for services use a service account with Vertex AI User",
     "仅用于本地开发；服务请使用授予 Vertex AI 用户角色的服务账号"},

    {M::kKindMetadata, "Metadata server (GCE, GKE, Cloud Run)", "元数据服务器（GCE、GKE、Cloud Run）"},
    {M::kKindMetadataWhat,
     "The service account attached to the VM or service; tokens come from the metadata server, no key file",
     "挂载在虚拟机或服务上的服务账号；令牌来自元数据服务器，不需要密钥文件"},
    {M::kKindMetadataCalls, "What the attached service account's IAM roles allow",
     "由所挂载服务账号的 IAM 角色决定"},
    {M::kKindMetadataRisks,
     "Any code on the machine can get tokens; the default compute account often holds Editor",
     "机器上的任何代码都能取得令牌；默认的 Compute 服务账号常常带有编辑者（Editor）角色"},
    {M::kKindMetadataAdvice,
     "Best on Google Cloud: attach a dedicated service account with only Vertex AI User",
     "在 Google Cloud 上运行时的最佳选择：挂载只授予 Vertex AI 用户角色的专用服务账号"},

    {M::kKindOwner, "Project Owner's account", "项目所有者（Owner）账号"},
    {M::kKindOwnerWhat, "A user holding roles/owner: administers the project (APIs, IAM, keys, billing)",
     "拥有 roles/owner 的用户：管理整个项目（启用/关闭 API、管理 IAM、生成密钥、结算）"},
    {M::kKindOwnerCalls, "Every API of the project, and can change who may call them",
     "项目中的所有 API，并且能修改谁可以调用它们"},
    {M::kKindOwnerRisks, "Far too much power for calling a model: a leak can cost the whole project",
     "权限过大，一旦泄露可造成整个项目的严重损失"},
    {M::kKindOwnerAdvice,
     "For administration only (genai setup); give it to few trusted people; never for routine API calls",
     "只用于管理（例如 genai setup），只给少数可信用户；不要用于日常 API 调用"},

    {M::kExplainInUse, "Credential in use: {0} ({1}), from {2}", "当前使用的凭据：{0}（{1}），来源：{2}"},
    {M::kExplainInUseNone, "No credential found: {0}", "未找到凭据：{0}"},
    {M::kExplainNoCredential,
     "no API key (GEMINI_API_KEY, GOOGLE_API_KEY, --api-key-file) and no Application Default Credentials",
     "没有 API 密钥（GEMINI_API_KEY、GOOGLE_API_KEY、--api-key-file），也没有应用默认凭据"},
    {M::kExplainLegend, "* marks the kind in use.", "* 标记的是当前使用的凭据类型。"},
    {M::kExplainApiKeyWhich,
     "An API key alone does not say whether it came from the Console or AI Studio: `genai doctor` looks it up (API "
     "Keys v2, as your own account) and says which, which project owns it and what its restrictions allow.",
     "仅凭 API 密钥本身无法判断它来自 Console 还是 AI Studio：`genai doctor` 会（以你自己的账号通过 API Keys v2）"
     "查询它，说明它是哪一种、属于哪个项目、限制允许调用什么。"},
    {M::kExplainUserOwnerNote,
     "If this account is a Project Owner, see the Owner row: `genai --vertex doctor` warns about it.",
     "如果这个账号是项目所有者（Owner），请看 Owner 那一行：`genai --vertex doctor` 会对此发出警告。"},
    {M::kExplainMore, "Details of a file: genai auth explain FILE. Problems: genai doctor.",
     "查看某个凭据文件：genai auth explain FILE。排查问题：genai doctor。"},

    {M::kFileApiKey, "{0}: a Google API key ({1})", "{0}：一个 Google API 密钥（{1}）"},
    {M::kFileApiKeyUse, "the Gemini Developer API (genai --api-key-file {0}), or Vertex AI express mode",
     "Gemini Developer API（genai --api-key-file {0}），或 Vertex AI 快速模式"},
    {M::kFileApiKeyNote,
     "an AI Studio key works only for the Gemini API; a Cloud Console key works for the APIs its restrictions allow",
     "AI Studio 密钥只能调用 Gemini API；Cloud Console 密钥可调用其 API 限制所允许的 API"},
    {M::kFileServiceAccount, "{0}: a service-account key (\"Application data\" in the Cloud Console)",
     "{0}：一个服务账号密钥（Cloud Console 中的 “Application data”）"},
    {M::kFileNoProject, "(none in the file)", "（文件中没有）"},
    {M::kFileNone, "(none)", "（无）"},
    {M::kFileSaUse, "Vertex AI: genai --vertex --credentials {0} ..., or GOOGLE_APPLICATION_CREDENTIALS={0}",
     "Vertex AI：genai --vertex --credentials {0} ...，或设置 GOOGLE_APPLICATION_CREDENTIALS={0}"},
    {M::kFileSaRole, "it needs roles/aiplatform.user on the project; Editor or Owner is more than calling Gemini needs",
     "它需要项目上的 roles/aiplatform.user（Vertex AI 用户）；编辑者或所有者角色远超调用 Gemini 的需要"},
    {M::kFileSaNote,
     "the file holds a private key: anyone who reads it can act as the account. Rotate it at least every 90 days",
     "文件中有私钥：任何能读到它的人都能冒充该账号。至少每 90 天轮换一次"},
    {M::kFileUser,
     "{0}: user credentials (\"User data\": your account through an OAuth client, as `gcloud auth application-default "
     "login` writes them)",
     "{0}：用户凭据（“User data”：通过 OAuth 客户端授权的你的账号，即 `gcloud auth application-default login` "
     "写入的文件）"},
    {M::kFileNotRecorded, "(not recorded in the file)", "（文件中未记录）"},
    {M::kFileNoQuotaProject, "(none: calls bill the OAuth client's project)", "（无：调用计入 OAuth 客户端所在的项目）"},
    {M::kFileUserUse, "Vertex AI with --project P: genai --vertex --project P --credentials {0} ...",
     "Vertex AI，需指定 --project P：genai --vertex --project P --credentials {0} ..."},
    {M::kFileUserNote, "calls run with every permission of your account: a Project Owner's account is for administration",
     "调用时带着你账号的全部权限：项目所有者账号只应用于管理"},
    {M::kFileImpersonated, "{0}: impersonation of a service account", "{0}：模拟（impersonate）一个服务账号"},
    {M::kFileImpSource, "{0} credentials", "{0} 凭据"},
    {M::kFileImpNeeds, "roles/iam.serviceAccountTokenCreator for the source on the target",
     "源凭据需要在目标服务账号上拥有 roles/iam.serviceAccountTokenCreator"},
    {M::kFileImpUse, "Vertex AI: genai --vertex --credentials {0} ...", "Vertex AI：genai --vertex --credentials {0} ..."},
    {M::kFileUnsupported, "{0}: a credentials file of type \"{1}\", which genai does not support",
     "{0}：类型为 “{1}” 的凭据文件，genai 不支持"},
    {M::kFileLooseMode, "mode {0}: other users can read this secret. Run: chmod 600 {1}",
     "权限 {0}：其他用户可以读取这个机密。请运行：chmod 600 {1}"},
    {M::kLabelUse, "use", "用法"},
    {M::kLabelNote, "note", "注意"},
    {M::kLabelCheck, "check", "检查"},
    {M::kLabelAccount, "account", "账号"},
    {M::kLabelProject, "project", "项目"},
    {M::kLabelKeyId, "key id", "密钥 ID"},
    {M::kLabelTokenUri, "token uri", "令牌地址"},
    {M::kLabelRole, "role", "角色"},
    {M::kLabelClient, "client", "客户端"},
    {M::kLabelQuotaProject, "quota proj.", "配额项目"},
    {M::kLabelTarget, "target", "目标"},
    {M::kLabelSource, "source", "来源"},
    {M::kLabelNeeds, "needs", "需要"},
    {M::kLabelWarning, "WARNING", "警告"},

    {M::kCheckCredential, "credential", "凭据"},
    {M::kCheckUserCredentials, "user credentials", "用户凭据"},
    {M::kCheckFilePermissions, "file permissions", "文件权限"},
    {M::kCheckKeyFormat, "key format", "密钥格式"},
    {M::kCheckToken, "token", "访问令牌"},
    {M::kCheckPrincipal, "principal", "身份"},
    {M::kCheckNetwork, "network", "网络"},
    {M::kCheckApiCall, "API call", "API 调用"},
    {M::kCheckApiEnabled, "API enabled", "API 是否启用"},
    {M::kCheckKeyValid, "key valid", "密钥有效"},
    {M::kCheckKeyRestrictions, "key restrictions", "密钥限制"},
    {M::kCheckKeyKind, "key kind", "密钥类型"},
    {M::kCheckPermission, "permission", "权限"},
    {M::kCheckQuota, "quota", "配额"},
    {M::kCheckModel, "model", "模型"},
    {M::kCheckPermissions, "permissions", "权限"},
    {M::kCheckLeastPrivilege, "least privilege", "最小权限"},
    {M::kCheckOwnerCredentials, "owner credentials", "所有者凭据"},
    {M::kCheckEnvironment, "environment", "环境"},
    {M::kCheckProject, "project", "项目"},
    {M::kCheckBilling, "billing", "结算"},
    {M::kCheckLocation, "caller location", "调用方所在地"},

    {M::kDocCredentialNotLoaded, "the credential given on the command line could not be loaded (see above)",
     "无法加载命令行指定的凭据（见上方）"},
    {M::kDocCredentialFrom, "{0}: {1} (from {2}); {3}", "{0}：{1}（来源：{2}）；{3}"},
    {M::kDocBackendVertex, "backend Vertex AI, project {0}, location {1}", "后端 Vertex AI，项目 {0}，区域 {1}"},
    {M::kDocBackendExpress, "backend Vertex AI (express mode)", "后端 Vertex AI（快速模式）"},
    {M::kDocBackendDeveloper, "backend Gemini Developer API", "后端 Gemini Developer API"},
    {M::kDocUserCredentials,
     "calls run as your own account: fine for development; a Project Owner's account can do far more than call Gemini",
     "调用以你自己的账号进行：开发时可以；但项目所有者账号的权限远超调用 Gemini 所需"},
    {M::kDocUserCredentialsFix, "For services, use a service account with roles/aiplatform.user.",
     "服务请改用授予 roles/aiplatform.user（Vertex AI 用户）的服务账号。"},
    {M::kDocFileLoose, "{0} has mode {1}: other users can read a secret", "{0} 的权限为 {1}：其他用户可以读取机密"},
    {M::kDocFileMode, "{0} has mode {1}", "{0} 的权限为 {1}"},
    {M::kDocKeyBadShape, "the key ({0} characters) is not AIza + 35 characters",
     "密钥（{0} 个字符）不是 AIza 加 35 个字符的格式"},
    {M::kDocKeyIsToken, ": it is an OAuth access token, not an API key", "：这是 OAuth 访问令牌，不是 API 密钥"},
    {M::kDocKeyHasSpaces, "; it contains spaces or quotes", "；其中含有空格或引号"},
    {M::kDocKeyBadShapeFix,
     "Copy the key again from https://aistudio.google.com/apikey (Developer API) or the Cloud Console (APIs & "
     "Services > Credentials).",
     "从 https://aistudio.google.com/apikey（Developer API）或 Cloud Console（APIs & Services → Credentials）"
     "重新复制密钥。"},
    {M::kDocKeyFormatOk, "AIza + 35 characters", "AIza 加 35 个字符"},
    {M::kDocNoTokenCredential, "no token-based credential to check", "没有基于令牌的凭据需要检查"},
    {M::kDocTokenOk, "obtained an access token for {0}", "已为 {0} 取得访问令牌"},
    {M::kDocPrincipal, "{0} (scopes: {1})", "{0}（权限范围：{1}）"},
    {M::kDocProxySet, " ({0} is set: check the proxy)", "（已设置 {0}：请检查代理）"},
    {M::kDocNetworkOk, "{0} answered in {1} ms", "{0} 在 {1} 毫秒内响应"},
    {M::kDocTlsVerified, " (TLS verified)", "（TLS 已验证）"},
    {M::kDocCallOk, "countTokens on {0} works", "{0} 上的 countTokens 调用成功"},
    {M::kDocPermissionsUnknown, "could not ask Resource Manager (testIamPermissions{0})",
     "无法询问 Resource Manager（testIamPermissions{0}）"},
    {M::kDocLacksPredict, "{0} lacks aiplatform.endpoints.predict on {1}",
     "{0} 在项目 {1} 上没有 aiplatform.endpoints.predict 权限"},
    {M::kDocHoldsBroad, "{0} also holds {1}: a broad role such as {2}",
     "{0} 还拥有 {1}：这是 {2} 这类过宽的角色"},
    {M::kDocPermissionsOk, "holds aiplatform.endpoints.predict and nothing broad that was checked",
     "拥有 aiplatform.endpoints.predict，且未发现所检查的过宽权限"},
    {M::kDocOwnerCredentials,
     "a Project Owner's user credentials ({0}) are used for routine calls: an Owner account is for administration "
     "(APIs, IAM, keys), not for calling APIs; if its token leaks, the whole project is exposed",
     "日常调用使用的是项目所有者（Owner）的用户凭据（{0}）：所有者账号用于管理（API、IAM、密钥），"
     "不适合直接调用 API；令牌一旦泄露，整个项目都会暴露"},
    {M::kDocOwnerCredentialsFix,
     "Call Gemini as a service account that holds only Vertex AI User, and keep the Owner account for genai setup:",
     "改用只拥有 Vertex AI 用户角色的服务账号调用 Gemini，所有者账号只留给 genai setup 等管理操作："},
    {M::kDocProblemFound, "A problem was found: the first [FAIL] above is the one to fix.",
     "发现问题：请先修复上面第一个 [FAIL]。"},
    {M::kDocNoProblem, "No problem found: calls with this credential should work.",
     "未发现问题：使用此凭据的调用应当可以正常工作。"},
    {M::kDocFixLabel, "fix: ", "修复："},
    {M::kDocNoAdc,
     "no Application Default Credentials (run gcloud auth application-default login, or pass doctor "
     "--admin-credentials FILE)",
     "没有应用默认凭据（请运行 gcloud auth application-default login，或使用 doctor --admin-credentials FILE）"},
    {M::kDocKeyLookupNoCaller,
     "needs {0} permission ({1}) to look the key up as your own account, and no such credential was found: {2}",
     "以你自己的账号查询此密钥需要 {0} 权限（{1}），但没有找到这样的凭据：{2}"},
    {M::kDocKeyLookupDenied, "needs {1} permission ({2}) on the key's project to look the key up: {0} was refused",
     "查询此密钥需要在其所属项目上拥有 {1} 权限（{2}）：{0} 被拒绝"},
    {M::kDocKeyLookupFailed, "could not look the key up ({0}); it needs {1} permission ({2})",
     "无法查询此密钥（{0}）；需要 {1} 权限（{2}）"},
    {M::kDocKeyStudio,
     "an AI Studio key: \"{0}\" (keys/{1}) in project {2}, restricted to the Gemini API as AI Studio makes its keys",
     "AI Studio 密钥：“{0}”（keys/{1}），属于项目 {2}；与 AI Studio 生成的密钥一样，仅限调用 Gemini API"},
    {M::kDocKeyConsole,
     "a Cloud Console key: \"{0}\" (keys/{1}) in project {2}; it can call what its restrictions allow among the APIs "
     "enabled there",
     "Cloud Console 密钥：“{0}”（keys/{1}），属于项目 {2}；可调用该项目中已启用、且其限制允许的 API"},
    {M::kDocKeyBlockedApi, "its API restrictions (apiTargets: {0}) do not include {1}, which this call needs",
     "其 API 限制（apiTargets：{0}）不包含本次调用所需的 {1}"},
    {M::kDocKeyBlockedIp,
     "its IP restrictions (serverKeyRestrictions.allowedIps: {0}) do not include this caller's address {1}",
     "其 IP 限制（serverKeyRestrictions.allowedIps：{0}）不包含本次调用的地址 {1}"},
    {M::kDocKeyBlockedReferrer,
     "its HTTP referrer restrictions (browserKeyRestrictions.allowedReferrers: {0}) are for web pages: a server or "
     "command line sends no such referrer",
     "其 HTTP Referrer 限制（browserKeyRestrictions.allowedReferrers：{0}）只适用于网页：服务器或命令行不会发送这样的 "
     "Referrer"},
    {M::kDocKeyBlockedApp,
     "its application restriction ({0}) allows only Android or iOS apps: a server or command line cannot use it",
     "其应用限制（{0}）只允许 Android 或 iOS 应用：服务器或命令行无法使用"},
    {M::kDocKeyBlockedBy, "the restriction in the way: {0}", "造成阻止的限制：{0}"},
    {M::kDocKeyUnrestricted,
     "the key is unrestricted: anyone who obtains it can call every API enabled in project {0} and spend its quota",
     "这个密钥没有任何限制：任何拿到它的人都能调用项目 {0} 中已启用的所有 API，并消耗其配额"},
    {M::kDocKeyNoApiTargets, "the key is restricted ({0}) but not to an API: it can call every API enabled in project {1}",
     "这个密钥有限制（{0}），但没有 API 限制：可以调用项目 {1} 中已启用的所有 API"},
    {M::kDocKeyRestricted, "restricted: {0}", "已设置限制：{0}"},

    {M::kDocEnvBothKeys,
     "GOOGLE_API_KEY and GEMINI_API_KEY are both set: GOOGLE_API_KEY wins (the official SDKs' order), so the key in "
     "GEMINI_API_KEY is not used",
     "GOOGLE_API_KEY 和 GEMINI_API_KEY 都已设置：按官方 SDK 的顺序 GOOGLE_API_KEY 优先，GEMINI_API_KEY 中的密钥不会被使用"},
    {M::kDocEnvVertexConflict,
     "GOOGLE_GENAI_USE_ENTERPRISE and GOOGLE_GENAI_USE_VERTEXAI disagree: GOOGLE_GENAI_USE_ENTERPRISE (the newer name) "
     "wins",
     "GOOGLE_GENAI_USE_ENTERPRISE 与 GOOGLE_GENAI_USE_VERTEXAI 的值相互矛盾：以较新的 GOOGLE_GENAI_USE_ENTERPRISE 为准"},
    {M::kDocEnvExpress,
     "{0} supplied an API key and no project is set, so on Vertex AI the key wins over Application Default "
     "Credentials: calls run in express mode with that key{1}",
     "{0} 提供了一个 API 密钥，且没有设置项目，因此在 Vertex AI 上密钥优先于应用默认凭据：调用以快速模式使用这个密钥{1}"},
    {M::kDocEnvExpressAdc, "; {0}, with project {1}, is not used", "；{0}（项目 {1}）没有被使用"},
    {M::kDocEnvKeyIgnored,
     "{0} holds an API key, but it is not used: Vertex AI with a project (from {1}) calls with OAuth credentials ({2}); "
     "a key is used only in express mode, without a project",
     "{0} 中有 API 密钥，但没有被使用：带项目（来自 {1}）的 Vertex AI 以 OAuth 凭据（{2}）调用；只有不设置项目的快速模式才使用密钥"},
    {M::kDocEnvCause, "The credential of this call was chosen by your environment (see environment above). ",
     "本次调用的凭据是由你的环境变量决定的（见上方“环境”）。"},
    {M::kDocSourceFlag, "the --project option", "--project 参数"},
    {M::kDocSourceCredential, "the credential ({0})", "凭据（{0}）"},
    {M::kDocQuotaDetail, "quota {0} ({1}), limit {2}", "配额 {0}（{1}），上限 {2}"},
    {M::kDocQuotaRetry, "Google asks to retry in {0} s", "Google 要求 {0} 秒后重试"},

    {M::kFixEnableApi, "Enable {0} in project {1}, then wait a minute and retry:",
     "在项目 {1} 中启用 {0}（启用 API 后等一分钟再重试）："},
    {M::kFixKeyInvalid,
     "The API key is not valid (mistyped, deleted, or from another project): create a new key (or copy it again) and "
     "use it:",
     "API 密钥无效（输错、已删除或属于其他项目）：新建一个密钥（或重新复制）并使用它："},
    {M::kFixKeyExpired,
     "The API key has expired (Google knows the key, so it is not mistyped): create a new key (Cloud Console > APIs & "
     "Services > Credentials, or genai setup), use it, and delete the expired one; rotate keys before they expire:",
     "API 密钥已过期（Google 认得这个密钥，所以不是输错了）：新建一个密钥（Cloud Console → APIs & Services → "
     "Credentials，或 genai setup）并改用它，再删除过期的密钥；请在密钥过期前轮换："},
    {M::kFixKeyServiceBlocked,
     "The key may not call {0}. An AI Studio key works only for the Gemini API (generativelanguage.googleapis.com); "
     "for {0} use a Cloud Console key restricted to it, or a service account:",
     "这个密钥不允许调用 {0}。AI Studio 密钥只能调用 Gemini API（generativelanguage.googleapis.com）；"
     "调用 {0} 请使用限制为该 API 的 Cloud Console 密钥，或使用服务账号："},
    {M::kFixKeyIpBlocked, "The key allows only certain IP addresses and this call came from {0}: add {0} to the key's IP "
                          "restrictions, or call from an allowed network:",
     "这个密钥只允许特定 IP 地址，而本次调用来自 {0}：把 {0} 加入密钥的 IP 限制，或从允许的网络调用："},
    {M::kFixKeyIpFindId, "(KEY_ID: gcloud services api-keys list --project {0})",
     "（KEY_ID 可用 gcloud services api-keys list --project {0} 查到）"},
    {M::kFixKeyReferrerBlocked,
     "The key allows only certain HTTP referrers: a web page's key cannot be used from a server or CLI; create a "
     "separate key restricted by API or IP:",
     "这个密钥只允许特定的 HTTP Referrer：网页用的密钥不能在服务器或命令行中使用；请另建一个按 API 或 IP 限制的密钥："},
    {M::kFixGrantVertexUser,
     "{0} needs the Vertex AI User role (roles/aiplatform.user) on project {1}. {2} The grant:",
     "{0} 需要项目 {1} 上的 Vertex AI 用户角色（roles/aiplatform.user）。{2}授予方法："},
    {M::kFixLeastPrivilege,
     "Calling Gemini needs only roles/aiplatform.user: grant it, then remove {0} from {1}:",
     "调用 Gemini 只需要 roles/aiplatform.user：先授予它，再从 {1} 上移除 {0}："},
    {M::kFixSaKeyRevoked,
     "The service-account key was deleted or disabled (or belongs to another account): create a new key for {0} and "
     "use the new file:",
     "服务账号密钥已被删除或停用（或不属于该账号）：为 {0} 新建一个密钥，并改用新文件："},
    {M::kFixClockSkew, "The JWT's times were rejected: this machine's clock is probably wrong; sync it (timedatectl "
                       "set-ntp true) and retry.",
     "JWT 的时间被拒绝：本机时钟可能不准；请同步时间（timedatectl set-ntp true）后重试。"},
    {M::kFixSaMissing, "The service account no longer exists: create it again (with a new key) or use another key file:",
     "服务账号已不存在：重新创建它（并新建密钥），或改用其他密钥文件："},
    {M::kFixUserReauth, "The user credentials were rejected (revoked or expired): sign in again:",
     "用户凭据被拒绝（已撤销或过期）：请重新登录："},
    {M::kFixQuota, "Quota exceeded: wait and retry, lower the request rate, or request more quota for project {0}:",
     "超出配额：请稍后重试、降低请求频率，或为项目 {0} 申请更多配额："},
    {M::kFixModel, "The model was not found: list the models this credential can use:",
     "找不到该模型：列出此凭据可用的模型："},
    {M::kFixBilling,
     "Billing is off on project #{0}: link a billing account ({1}). Meanwhile, an API key on the Gemini Developer "
     "API's free tier works without billing:",
     "项目 #{0} 未启用结算：请关联结算账号（{1}）。在此之前，Gemini Developer API 免费层级的 API 密钥无需结算即可使用："},
    {M::kFixRegion,
     "The Gemini Developer API does not serve the country this call comes from. This is not a credential problem (a "
     "new key or role will not help): use Vertex AI with a region instead:",
     "Gemini Developer API 不向本次调用所在的国家或地区提供服务。这不是凭据问题（换密钥或加角色都没有用）："
     "请改用 Vertex AI 并指定区域："},
    {M::kFixLeakedKey,
     "Google found this key in public and disabled it: delete it, create a new one, and keep keys out of source code:",
     "Google 发现此密钥已公开泄露并将其停用：请删除它并新建密钥，不要把密钥写进源代码："},
    {M::kFixRestrictKey,
     "Restrict the key to {0} (API restrictions in the Console), or replace it with a new restricted key:",
     "把密钥限制为只能调用 {0}（Console 中的 “API 限制”），或换用一个新建的受限密钥："},
    {M::kFixKeyAddTarget,
     "Add {0} to the key's API restrictions (the command keeps the current ones), or use a key restricted to it:",
     "把 {0} 加入密钥的 API 限制（该命令保留现有的限制），或改用限制为该 API 的密钥："},
    {M::kFixNetwork,
     "Check the network: DNS, the proxy variables (HTTPS_PROXY, NO_PROXY), a firewall, and TLS (the CA bundle).",
     "检查网络：DNS、代理变量（HTTPS_PROXY、NO_PROXY）、防火墙以及 TLS（CA 证书）。"},
    {M::kFixCredentialGeneric,
     "Check the credential: genai auth explain compares the kinds; genai auth explain FILE says what a file is.",
     "检查凭据：genai auth explain 比较各类凭据；genai auth explain FILE 说明某个文件是什么。"},
    {M::kFixGeneric, "See Google's message above; genai auth explain compares the kinds of credential.",
     "请根据上面 Google 的原始错误信息处理；genai auth explain 比较了各类凭据。"},
    {M::kRetryWait, "genai: {0}, retrying in {1} s (attempt {2} of {3})",
     "genai：{0}，{1} 秒后重试（第 {2} 次，共 {3} 次）"},
    {M::kFixEnvBothKeys, "Keep one key variable; if the key you mean is the one in GEMINI_API_KEY:",
     "只保留一个密钥变量；如果你要用的是 GEMINI_API_KEY 中的密钥："},
    {M::kFixEnvVertexConflict, "Keep one of the two variables:", "只保留这两个变量中的一个："},
    {M::kFixEnvExpress, "To call with Application Default Credentials instead, remove the key from the environment:",
     "如需改用应用默认凭据调用，请从环境中移除该密钥："},
    {M::kFixEnvKeyIgnored,
     "If you meant the key (express mode), unset the project; otherwise remove the key so it cannot surprise you "
     "later:",
     "如果你想用这个密钥（快速模式），请取消设置项目；否则请移除该密钥，以免日后混淆："},
    {M::kFixProjectMissing,
     "Project {0} does not exist (or you cannot see it): the id looks mistyped, and no role can be granted on a "
     "project that does not exist. It came from {1}: set the project id exactly as the Console shows it:",
     "项目 {0} 不存在（或你无权看到它）：项目 ID 看起来输错了，而在不存在的项目上无法授予任何角色。它来自 {1}："
     "请改为 Console 中显示的项目 ID："},
    {M::kFixQuotaFreeTier,
     "The free tier's quota is used up: wait and retry, or enable billing on project {0}: a paid tier has higher "
     "limits:",
     "免费层级的配额已用完：请稍后重试，或为项目 {0} 启用结算（付费层级的配额更高）："},
    {M::kFixGrantAskAdmin,
     "Only a project Owner or an IAM admin (roles/resourcemanager.projectIamAdmin) can grant it: if that is not you, "
     "ask one of them to do it.",
     "只有项目所有者（Owner）或 IAM 管理员（roles/resourcemanager.projectIamAdmin）才能授予此角色：如果你不是，"
     "请让他们来操作。"},
    {M::kDocProjectUnknownName, "(unknown)", "（未知）"},
    {M::kDocProjectUnknownKeyInvalid, "Google does not know this key, so it names no project",
     "Google 不认识这个密钥，因此无法得知它属于哪个项目"},
    {M::kDocProjectUnknownNotNamed, "Google's error names none", "Google 的错误信息中没有给出项目"},
    {M::kFixProjectUnknown,
     "genai could not look up which project this is ({0}), so it gives no command that would need it: find the "
     "project id in the Cloud Console (or with `gcloud projects list`) and apply the fix there.",
     "genai 无法查到这是哪个项目（{0}），因此不给出需要项目的命令：请在 Cloud Console 中（或用 `gcloud projects "
     "list`）找到项目 ID，再在该项目中按上述方法修复。"},

    {M::kErrorPrefix, "genai: error: ", "genai：错误："},
    {M::kWarningPrefix, "genai: warning: ", "genai：警告："},
    {M::kWarnRunChmod, "run: chmod 600 {0}", "请运行：chmod 600 {0}"},
    {M::kWarnProxyPasswordVisible,
     "the password in --proxy is visible to other users in `ps` and in shell history; use --proxy-credentials-file "
     "FILE or https_proxy instead",
     "--proxy 中的密码在 `ps` 和 shell 历史中对其他用户可见；请改用 --proxy-credentials-file FILE 或 https_proxy"},
    {M::kWarnUnrestrictedKey,
     "the API key will be unrestricted: anyone who obtains it can use every API enabled in the project. Consider "
     "--restrict-api generativelanguage.googleapis.com.",
     "这个 API 密钥将没有任何限制：任何拿到它的人都可以调用项目中已启用的所有 API。建议加上 --restrict-api "
     "generativelanguage.googleapis.com。"},
    {M::kIdBackend, "backend", "后端"},
    {M::kIdEndpoint, "endpoint", "端点"},
    {M::kIdCredential, "credential", "凭据"},
    {M::kIdIdentity, "identity", "身份"},
    {M::kIdSource, "source", "来源"},
    {M::kIdProject, "project", "项目"},
    {M::kIdLocation, "location", "区域"},
    {M::kIdNote, "note", "说明"},
    {M::kIdFrom, " (from {0})", "（来自 {0}）"},
    {M::kIdVertexExpress, "Vertex AI (express mode)", "Vertex AI（快速模式）"},
    {M::kNoteExpressMode,
     "Vertex AI express mode: the API key in {0} is used because no project is set. To call with OAuth credentials "
     "(Application Default Credentials) instead, set GOOGLE_CLOUD_PROJECT or unset {0}.",
     "Vertex AI 快速模式：因为没有设置项目，所以使用 {0} 中的 API 密钥。若要改用 OAuth 凭据（应用默认凭据），请设置 "
     "GOOGLE_CLOUD_PROJECT 或取消设置 {0}。"},
    {M::kNoteApiKeyIgnored,
     "The API key in {0} is not used: Vertex AI with a project calls with OAuth credentials; a key is only used for "
     "express mode, without a project.",
     "{0} 中的 API 密钥未被使用：设置了项目的 Vertex AI 使用 OAuth 凭据调用；只有在没有项目的快速模式下才使用密钥。"},
    {M::kErrCredNotFound, "the credentials file {0} does not exist", "凭据文件 {0} 不存在"},
    {M::kFixCredNotFound, "Check the path (GOOGLE_APPLICATION_CREDENTIALS, or the file given as --credentials).",
     "请检查路径（GOOGLE_APPLICATION_CREDENTIALS，或 --credentials 指定的文件）。"},
    {M::kErrCredUnreadable, "cannot read the credentials file {0} ({1})", "无法读取凭据文件 {0}（{1}）"},
    {M::kFixCredUnreadable, "Check the file's permissions.", "请检查文件权限。"},
    {M::kErrCredNotJson, "{0} is not a JSON object ({1} bytes)", "{0} 不是 JSON 对象（{1} 字节）"},
    {M::kFixCredNotJson,
     "A Google credentials file is JSON; check that it is the downloaded file, not a P12 or a truncated copy.",
     "Google 凭据文件是 JSON 格式；请确认它是下载的原文件，而不是 P12 文件或被截断的副本。"},
    {M::kErrCredWrongType, "{0} has \"type\": \"{1}\", expected {2}", "{0} 的 \"type\" 为 \"{1}\"，应为 {2}"},
    {M::kErrCredNoType, "{0} has no \"type\" string, expected {1}", "{0} 没有字符串类型的 \"type\" 字段，应为 {1}"},
    {M::kFixCredWrongType, "Pass the right file; `genai auth explain FILE` shows what a credentials file is.",
     "请传入正确的文件；`genai auth explain FILE` 可以说明凭据文件是什么。"},
    {M::kFixCredUnsupported,
     "genai supports service_account, authorized_user and impersonated_service_account files (external_account / "
     "workload identity federation is not supported yet).",
     "genai 支持 service_account、authorized_user 和 impersonated_service_account 文件（暂不支持 external_account / "
     "工作负载身份联合）。"},
    {M::kErrCredFieldMissing, "{0} has no \"{1}\" field", "{0} 缺少 \"{1}\" 字段"},
    {M::kErrCredFieldNotString, "the \"{1}\" field of {0} is not a string", "{0} 的 \"{1}\" 字段不是字符串"},
    {M::kErrCredFieldEmpty, "the \"{1}\" field of {0} is empty", "{0} 的 \"{1}\" 字段为空"},
    {M::kErrCredFieldInvalid, "the \"{1}\" field of {0} is not valid", "{0} 的 \"{1}\" 字段无效"},
    {M::kFixCredNewKey,
     "Download a new JSON key (Cloud Console > IAM & Admin > Service accounts > Keys > Add key > JSON) and point "
     "GOOGLE_APPLICATION_CREDENTIALS at it.",
     "下载一个新的 JSON 密钥（Cloud Console → IAM 和管理 → 服务账号 → 密钥 → 添加密钥 → JSON），"
     "并让 GOOGLE_APPLICATION_CREDENTIALS 指向它。"},
    {M::kFixCredAdcLogin, "Run `gcloud auth application-default login` to write a new file.",
     "运行 `gcloud auth application-default login` 重新生成该文件。"},
    {M::kFixCredImpersonateLogin,
     "Run `gcloud auth application-default login --impersonate-service-account=EMAIL` to write a new file.",
     "运行 `gcloud auth application-default login --impersonate-service-account=EMAIL` 重新生成该文件。"},
    {M::kErrCredPrivateKey, "{0} is not a usable RSA private key", "{0} 不是可用的 RSA 私钥"},
    {M::kFixCredPrivateKey,
     "Download a new JSON key for the service account (IAM > Service accounts > Keys > Add key), or check that the "
     "file was not edited.",
     "为该服务账号下载一个新的 JSON 密钥（IAM → 服务账号 → 密钥 → 添加密钥），或检查文件是否被修改过。"},
    {M::kCredWhereSource, "the source_credentials of {0}", "{0} 的 source_credentials"},
    {M::kCredWherePrivateKey, "the private_key field of {0}", "{0} 的 private_key 字段"},
    {M::kUsageTwoCredentials, "--api-key-file and --credentials name two different credentials; give one",
     "--api-key-file 和 --credentials 指定了两个不同的凭据；只能给一个"},
    {M::kFixUsageTwoCredentials,
     "an API key for the Developer API (or Vertex AI express mode), --credentials for OAuth",
     "Developer API（或 Vertex AI 快速模式）用 API 密钥，OAuth 用 --credentials"},
    {M::kUsageExcludes, "{0} and {1} cannot be used together", "{0} 和 {1} 不能同时使用"},
    {M::kUsageRequires, "{0} needs {1}", "{0} 需要同时指定 {1}"},
    {M::kFixUsageHelp, "see `genai --help` or `genai <command> --help`", "参见 `genai --help` 或 `genai <命令> --help`"},
    {M::kUsageFileMissing, "{0}: the file {1} does not exist", "{0}：文件 {1} 不存在"},
    {M::kNounApiKeyFile, "API key file", "API 密钥文件"},
    {M::kNounProxyCredentialsFile, "proxy credentials file", "代理凭据文件"},
    {M::kErrSecretFileUnreadable, "cannot read the {0} {1}", "无法读取{0} {1}"},
    {M::kErrSecretFileEmpty, "the {0} {1} is empty", "{0} {1} 为空"},
    {M::kFixCheckPath, "check the path", "请检查路径"},
    {M::kVideoStarted, "genai: started {0}", "genai：已开始 {0}"},
    {M::kVideoSpinner, "generating video… {0} s", "正在生成视频… {0} 秒"},
    {M::kVideoRunning, "genai: {0} still running ({1} s)", "genai：{0} 仍在运行（{1} 秒）"},
    {M::kVideoDone, "genai: {0} done after {1} s", "genai：{0} 已完成，用时 {1} 秒"},
    {M::kVideoWrote, "genai: wrote {0} ({1} bytes)", "genai：已写入 {0}（{1} 字节）"},
    {M::kVideoFiltered, "genai: {0} video(s) withheld by the safety filters{1}",
     "genai：{0} 个视频被安全过滤器拦截{1}"},
    {M::kVideoNone, "the operation finished without a video", "操作已完成，但没有生成视频"},
    {M::kVideoResume, "  fix: it keeps running on the server: genai operations wait {0} -o FILE",
     "  修复：操作仍在服务器上运行，稍后可继续等待：genai operations wait {0} -o FILE"},
    {M::kFilesProgressLine, "genai: {0}: {1} ({2}%)", "genai：{0}：{1}（{2}%）"},
    {M::kFilesEta, "ETA {0}", "剩余 {0}"},
    {M::kFilesUploaded, "genai: uploaded {0} as {1} ({2}, {3})", "genai：已上传 {0}，文件名 {1}（{2}，{3}）"},
    {M::kFilesWaiting, "genai: {0} is processing; waiting until it is ACTIVE…",
     "genai：{0} 正在处理，等待其变为 ACTIVE…"},
    {M::kFilesActive, "genai: {0} is ACTIVE", "genai：{0} 已是 ACTIVE 状态"},
    {M::kFilesDeleted, "genai: deleted {0}", "genai：已删除 {0}"},
    {M::kFilesWrote, "genai: wrote {0} ({1} bytes)", "genai：已写入 {0}（{1} 字节）"},
    {M::kFilesNone, "no files (files are kept 48 hours after upload)", "没有文件（文件在上传 48 小时后过期）"},
};

static_assert(std::size(kEntries) == static_cast<size_t>(M::kCount), "every message needs its row");

constexpr bool in_order() {
  for (size_t i = 0; i < std::size(kEntries); ++i) {
    if (static_cast<size_t>(kEntries[i].id) != i) return false;
  }
  return true;
}
static_assert(in_order(), "kEntries must follow the order of enum M");

}  // namespace

Lang parse_lang(std::string_view name) {
  return name.size() >= 2 && (name[0] == 'z' || name[0] == 'Z') && (name[1] == 'h' || name[1] == 'H') ? Lang::kZh
                                                                                                      : Lang::kEn;
}

std::string tr(Lang lang, M id, std::initializer_list<std::string_view> args) {
  const Entry& e = kEntries[static_cast<size_t>(id)];
  const std::string_view text = lang == Lang::kZh ? e.zh : e.en;
  std::string out;
  out.reserve(text.size() + 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9' && text[i + 2] == '}') {
      const size_t n = static_cast<size_t>(text[i + 1] - '0');
      if (n < args.size()) out += *(args.begin() + n);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string localize_credential_text(Lang lang, std::string text) {
  if (lang == Lang::kEn) return text;
  // In order: an impersonation's source is split off first, so that each of
  // its parts starts where a description starts (the start, or after "：").
  static const std::pair<std::regex, const char*> kZh[] = {
      {std::regex(R"( ?\((\d+) chars\))"), "（$1 个字符）"},
      {std::regex(" impersonated by "), "，模拟来源："},
      {std::regex("^API key "), "API 密钥 "},
      {std::regex("^access token "), "访问令牌 "},
      {std::regex("(^|：)service account "), "$1服务账号 "},
      {std::regex(R"((^|：)user credentials \(OAuth client ([^)]*)\))"), "$1用户凭据（OAuth 客户端 $2）"},
      {std::regex("(^|：)user "), "$1用户 "},
      {std::regex(R"(the metadata server's default service account \(([^)]*)\))"), "元数据服务器的默认服务账号（$1）"},
      {std::regex("^environment variable "), "环境变量 "},
      {std::regex(R"(^Application Default Credentials \((.*)\)$)"), "应用默认凭据（$1）"},
      {std::regex("gcloud application-default credentials "), "gcloud 应用默认凭据文件 "},
      {std::regex("the metadata server at "), "元数据服务器 "},
      {std::regex(R"( \(source: (.*)\)$)"), "（源凭据：$1）"},
      {std::regex("Application Default Credentials"), "应用默认凭据"},
  };
  for (const auto& [pattern, zh] : kZh) text = std::regex_replace(text, pattern, zh);
  return text;
}

}  // namespace genai::cli
