// The IAM roles the emulator knows and the permissions each grants: at least
// every permission genai-cpp checks (calling Gemini on Vertex AI, enabling
// APIs, creating keys and service accounts, minting tokens), plus a sample of
// the powerful permissions of the basic roles so over-privilege shows up in
// testIamPermissions exactly as at Google.
#ifndef GENAI_EMULATOR_STATE_IAM_ROLES_H_
#define GENAI_EMULATOR_STATE_IAM_ROLES_H_

#include <set>
#include <string>
#include <vector>

namespace genai::emulator {

// The permissions of `role`; empty for an unknown role.
const std::set<std::string>& role_permissions(const std::string& role);
bool role_known(const std::string& role);
std::vector<std::string> known_roles();

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_IAM_ROLES_H_
