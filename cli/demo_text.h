// The narration of `genai demo` in English and Simplified Chinese, side by
// side as in messages.cc (whose Lang and placeholder rules it shares): the
// demo tells a story of its own, so its words live in their own table.
//
//   std::cout << say_demo(lang, D::kStepFailed, {"3"}) << "\n";
#ifndef GENAI_CLI_DEMO_TEXT_H_
#define GENAI_CLI_DEMO_TEXT_H_

#include <initializer_list>
#include <string>
#include <string_view>

#include "cli/messages.h"

namespace genai::cli {

enum class D {
  kTitle,
  kIntro,
  kEmulatorFailed,
  kNoDirectory,
  kBadStep,
  kStepFailed,
  kDone,
  kKeepTitle,
  kKeepHow,
  kExpectedSuccess,
  kExpectedRefusal,
  kCheckTimedOut,
  kCheckShouldSucceed,
  kCheckShouldFail,
  kCheckShouldShow,
  // step titles
  kStepKeyBeforeApi,
  kStepEnableApi,
  kStepStudioKey,
  kStepRestrict,
  kStepEditor,
  kStepTighten,
  kStepUserData,
  kStepCompare,
  // the steps' narration
  kKeyBeforeApiWhy,
  kKeyBeforeApiDoctor,
  kEnableApiWhy,
  kEnableApiNowWorks,
  kStudioKeyWhy,
  kStudioKeyOtherApi,
  kStudioKeyConsoleMay,
  kRestrictWhy,
  kRestrictOutside,
  kRestrictDoctor,
  kRestrictInside,
  kRestrictTypo,
  kEditorWhy,
  kEditorCalls,
  kEditorDoctor,
  kTightenWhy,
  kTightenCalls,
  kTightenNoAdmin,
  kUserDataWhy,
  kUserDataClient,
  kUserDataConsent,
  kUserDataCalls,
  kUserDataDoctor,
  kCompareWhy,
  kCompareColCredential,
  kCompareColGemini,
  kCompareColVertex,
  kCompareColAdmin,
  kCompareLegend,
  kAiStudioPage,
  kAiStudioKeyMade,
  kStudioBeforeApi,
  kStudioAfterApi,
  kCount
};

// The text of `id` in `lang`, with {0}, {1}, ... replaced by `args`.
std::string say_demo(Lang lang, D id, std::initializer_list<std::string_view> args = {});

}  // namespace genai::cli

#endif  // GENAI_CLI_DEMO_TEXT_H_
