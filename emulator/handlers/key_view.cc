#include "emulator/handlers/key_view.h"

namespace genai::emulator {

nlohmann::json key_view_json(const ApiKey& k) {
  return {{"uid", k.uid},
          {"name", "projects/" + k.project_id + "/locations/global/keys/" + k.uid},
          {"displayName", k.display_name},
          {"projectId", k.project_id},
          {"kind", k.kind == ApiKey::Kind::kStudio ? "studio" : "console"},
          {"apiTargets", k.api_targets},
          {"allowedIps", k.allowed_ips},
          {"allowedReferrers", k.allowed_referrers},
          {"deleted", k.deleted},
          {"expired", k.expired},
          {"createTime", k.create_time}};
}

}  // namespace genai::emulator
