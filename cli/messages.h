// The user-visible text of `genai auth explain` and `genai doctor`, in every
// language genai speaks (English, the default, and Simplified Chinese, the
// credential tutorial's language). Each message has an id; the texts of all
// languages sit side by side in messages.cc so a translation cannot drift
// from, or go missing for, its English original. Google's own error messages
// are never translated: only what genai adds is.
//
//   Lang lang = lang_of(ctx.global);                  // --lang, else $GENAI_LANG
//   std::cout << tr(lang, M::kDoctorAllGood) << "\n";
//   std::cout << tr(lang, M::kFixEnableApi, {service, project}) << "\n";  // {0}, {1}
#ifndef GENAI_CLI_MESSAGES_H_
#define GENAI_CLI_MESSAGES_H_

#include <initializer_list>
#include <string>
#include <string_view>

namespace genai::cli {

enum class Lang { kEn, kZh };

// "zh", "zh_CN", "zh-CN.UTF-8" -> kZh; anything else -> kEn.
Lang parse_lang(std::string_view name);

enum class M {
  // auth explain: the comparison table
  kExplainTitle,
  kExplainColKind,
  kExplainColWhat,
  kExplainColCalls,
  kExplainColRisks,
  kExplainColAdvice,
  kKindConsoleKey,
  kKindConsoleKeyWhat,
  kKindConsoleKeyCalls,
  kKindConsoleKeyRisks,
  kKindConsoleKeyAdvice,
  kKindStudioKey,
  kKindStudioKeyWhat,
  kKindStudioKeyCalls,
  kKindStudioKeyRisks,
  kKindStudioKeyAdvice,
  kKindServiceAccount,
  kKindServiceAccountWhat,
  kKindServiceAccountCalls,
  kKindServiceAccountRisks,
  kKindServiceAccountAdvice,
  kKindUser,
  kKindUserWhat,
  kKindUserCalls,
  kKindUserRisks,
  kKindUserAdvice,
  kKindMetadata,
  kKindMetadataWhat,
  kKindMetadataCalls,
  kKindMetadataRisks,
  kKindMetadataAdvice,
  kKindOwner,
  kKindOwnerWhat,
  kKindOwnerCalls,
  kKindOwnerRisks,
  kKindOwnerAdvice,
  kExplainInUse,
  kExplainInUseNone,
  kExplainNoCredential,
  kExplainLegend,
  kExplainApiKeyWhich,
  kExplainUserOwnerNote,
  kExplainMore,
  // auth explain FILE
  kFileApiKey,
  kFileApiKeyUse,
  kFileApiKeyNote,
  kFileServiceAccount,
  kFileNoProject,
  kFileNone,
  kFileSaUse,
  kFileSaRole,
  kFileSaNote,
  kFileUser,
  kFileNotRecorded,
  kFileNoQuotaProject,
  kFileUserUse,
  kFileUserNote,
  kFileImpersonated,
  kFileImpSource,
  kFileImpNeeds,
  kFileImpUse,
  kFileUnsupported,
  kFileLooseMode,
  kLabelUse,
  kLabelNote,
  kLabelCheck,
  kLabelAccount,
  kLabelProject,
  kLabelKeyId,
  kLabelTokenUri,
  kLabelRole,
  kLabelClient,
  kLabelQuotaProject,
  kLabelTarget,
  kLabelSource,
  kLabelNeeds,
  kLabelWarning,
  // doctor: check names
  kCheckCredential,
  kCheckUserCredentials,
  kCheckFilePermissions,
  kCheckKeyFormat,
  kCheckToken,
  kCheckPrincipal,
  kCheckNetwork,
  kCheckApiCall,
  kCheckApiEnabled,
  kCheckKeyValid,
  kCheckKeyRestrictions,
  kCheckKeyKind,
  kCheckPermission,
  kCheckQuota,
  kCheckModel,
  kCheckPermissions,
  kCheckLeastPrivilege,
  kCheckOwnerCredentials,
  kCheckEnvironment,
  kCheckProject,
  kCheckBilling,
  kCheckLocation,
  // doctor: findings
  kDocCredentialNotLoaded,
  kDocCredentialFrom,
  kDocBackendVertex,
  kDocBackendExpress,
  kDocBackendDeveloper,
  kDocUserCredentials,
  kDocUserCredentialsFix,
  kDocFileLoose,
  kDocFileMode,
  kDocKeyBadShape,
  kDocKeyIsToken,
  kDocKeyHasSpaces,
  kDocKeyBadShapeFix,
  kDocKeyFormatOk,
  kDocNoTokenCredential,
  kDocTokenOk,
  kDocPrincipal,
  kDocProxySet,
  kDocNetworkOk,
  kDocTlsVerified,
  kDocCallOk,
  kDocPermissionsUnknown,
  kDocLacksPredict,
  kDocHoldsBroad,
  kDocPermissionsOk,
  kDocOwnerCredentials,
  kDocOwnerCredentialsFix,
  kDocProblemFound,
  kDocNoProblem,
  kDocFixLabel,
  kDocNoAdc,
  kDocKeyLookupNoCaller,
  kDocKeyLookupDenied,
  kDocKeyLookupFailed,
  kDocKeyStudio,
  kDocKeyConsole,
  kDocKeyBlockedApi,
  kDocKeyBlockedIp,
  kDocKeyBlockedReferrer,
  kDocKeyBlockedApp,
  kDocKeyBlockedBy,
  kDocKeyUnrestricted,
  kDocKeyNoApiTargets,
  kDocKeyRestricted,
  // doctor: what the environment decided, and where a project came from
  kDocEnvBothKeys,
  kDocEnvVertexConflict,
  kDocEnvExpress,
  kDocEnvExpressAdc,
  kDocEnvKeyIgnored,
  kDocEnvCause,
  kDocSourceFlag,
  kDocSourceCredential,
  kDocQuotaDetail,
  kDocQuotaRetry,
  // doctor: fixes
  kFixEnableApi,
  kFixKeyInvalid,
  kFixKeyExpired,
  kFixKeyServiceBlocked,
  kFixKeyIpBlocked,
  kFixKeyIpFindId,
  kFixKeyReferrerBlocked,
  kFixGrantVertexUser,
  kFixLeastPrivilege,
  kFixSaKeyRevoked,
  kFixClockSkew,
  kFixSaMissing,
  kFixUserReauth,
  kFixQuota,
  kFixModel,
  kFixBilling,
  kFixRegion,
  kFixLeakedKey,
  kFixRestrictKey,
  kFixKeyAddTarget,
  kFixNetwork,
  kFixCredentialGeneric,
  kFixGeneric,
  // a call waiting to retry, on stderr
  kRetryWait,
  kFixEnvBothKeys,
  kFixEnvVertexConflict,
  kFixEnvExpress,
  kFixEnvKeyIgnored,
  kFixProjectMissing,
  kFixQuotaFreeTier,
  kFixGrantAskAdmin,
  // genai video / operations: progress on stderr
  kVideoStarted,
  kVideoSpinner,
  kVideoRunning,
  kVideoDone,
  kVideoWrote,
  kVideoFiltered,
  kVideoNone,
  kVideoResume,
  kCount
};

// The text of `id` in `lang`, with {0}, {1}, ... replaced by `args`.
std::string tr(Lang lang, M id, std::initializer_list<std::string_view> args = {});

// A credential's description or source as libgenai words them ("API key
// AIza… (39 chars)", "service account a@p.iam.gserviceaccount.com",
// "environment variable GEMINI_API_KEY", "Application Default Credentials
// (the metadata server at H)"), in `lang`: the nouns translated, the
// identifiers (e-mails, paths, variable names, masked keys) kept.
std::string localize_credential_text(Lang lang, std::string text);

}  // namespace genai::cli

#endif  // GENAI_CLI_MESSAGES_H_
