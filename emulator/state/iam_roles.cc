#include "emulator/state/iam_roles.h"

#include <map>

namespace genai::emulator {
namespace {

using Perms = std::set<std::string>;

Perms merge(std::initializer_list<const Perms*> parts) {
  Perms out;
  for (const Perms* p : parts) out.insert(p->begin(), p->end());
  return out;
}

const std::map<std::string, Perms>& table() {
  static const std::map<std::string, Perms> roles = [] {
    const Perms viewer = {
        "resourcemanager.projects.get",   "resourcemanager.projects.getIamPolicy",
        "serviceusage.services.get",      "serviceusage.services.list",
        "apikeys.keys.get",               "apikeys.keys.list",              "apikeys.keys.lookup",
        "iam.serviceAccounts.get",        "iam.serviceAccounts.list",
        "iam.serviceAccountKeys.get",     "iam.serviceAccountKeys.list",
        "aiplatform.endpoints.get",       "aiplatform.endpoints.list",
        "aiplatform.models.get",          "aiplatform.models.list",
        "aiplatform.tuningJobs.get",      "aiplatform.tuningJobs.list",
        "aiplatform.batchPredictionJobs.get", "aiplatform.batchPredictionJobs.list",
        "clientauthconfig.brands.get",    "clientauthconfig.brands.list",
        "clientauthconfig.clients.get",   "clientauthconfig.clients.list",
    };
    const Perms vertex_user = {
        "aiplatform.endpoints.predict", "aiplatform.endpoints.get", "aiplatform.endpoints.list",
        "aiplatform.models.get",        "aiplatform.models.list",   "aiplatform.cachedContents.create",
        "aiplatform.cachedContents.get", "aiplatform.cachedContents.list", "aiplatform.cachedContents.update",
        "aiplatform.cachedContents.delete", "aiplatform.batchPredictionJobs.create",
        "aiplatform.tuningJobs.create", "aiplatform.tuningJobs.get", "aiplatform.tuningJobs.list",
        "aiplatform.tuningJobs.cancel", "aiplatform.models.update", "aiplatform.models.delete",
        "aiplatform.batchPredictionJobs.get", "aiplatform.batchPredictionJobs.list",
        "aiplatform.batchPredictionJobs.cancel", "aiplatform.batchPredictionJobs.delete",
        "resourcemanager.projects.get", "serviceusage.services.use",
    };
    const Perms editor_only = {
        "aiplatform.endpoints.predict",       "aiplatform.endpoints.create",     "aiplatform.endpoints.deploy",
        "aiplatform.endpoints.delete",        "serviceusage.services.enable",    "serviceusage.services.disable",
        "serviceusage.services.use",          "serviceusage.operations.get",     "apikeys.keys.create",
        "apikeys.keys.delete",                "apikeys.keys.update",             "apikeys.keys.getKeyString",
        "apikeys.keys.lookup",                "iam.serviceAccounts.create",      "iam.serviceAccounts.delete",
        "iam.serviceAccounts.update",         "iam.serviceAccounts.actAs",       "iam.serviceAccountKeys.create",
        "iam.serviceAccountKeys.delete",      "storage.buckets.create",          "storage.buckets.delete",
        "compute.instances.create",           "compute.instances.delete",
        "clientauthconfig.brands.create",     "clientauthconfig.brands.update",  "clientauthconfig.clients.create",
        "clientauthconfig.clients.update",    "clientauthconfig.clients.delete", "clientauthconfig.clients.getWithSecret",
    };
    const Perms owner_only = {
        "resourcemanager.projects.setIamPolicy", "resourcemanager.projects.delete",
        "resourcemanager.projects.update",
    };
    const Perms vertex_admin_only = {"aiplatform.endpoints.create", "aiplatform.endpoints.deploy",
                                     "aiplatform.endpoints.delete"};
    std::map<std::string, Perms> m;
    m["roles/viewer"] = viewer;
    m["roles/editor"] = merge({&viewer, &vertex_user, &editor_only});
    m["roles/owner"] = merge({&m["roles/editor"], &owner_only});
    m["roles/aiplatform.user"] = vertex_user;
    m["roles/aiplatform.admin"] = merge({&vertex_user, &vertex_admin_only});
    m["roles/aiplatform.viewer"] = {"aiplatform.endpoints.get",   "aiplatform.endpoints.list",
                                    "aiplatform.models.get",      "aiplatform.models.list",
                                    "aiplatform.tuningJobs.get",  "aiplatform.tuningJobs.list",
                                    "aiplatform.batchPredictionJobs.get", "aiplatform.batchPredictionJobs.list",
                                    "resourcemanager.projects.get"};
    m["roles/serviceusage.serviceUsageAdmin"] = {"serviceusage.services.enable", "serviceusage.services.disable",
                                                 "serviceusage.services.get",    "serviceusage.services.list",
                                                 "serviceusage.services.use",    "serviceusage.operations.get"};
    m["roles/serviceusage.serviceUsageConsumer"] = {"serviceusage.services.get", "serviceusage.services.list",
                                                    "serviceusage.services.use"};
    m["roles/serviceusage.apiKeysAdmin"] = {"apikeys.keys.create", "apikeys.keys.delete",       "apikeys.keys.get",
                                            "apikeys.keys.list",   "apikeys.keys.update",       "apikeys.keys.getKeyString",
                                            "apikeys.keys.lookup"};
    // Google's API Keys Viewer: read keys and find a key string's project (lookupKey).
    m["roles/serviceusage.apiKeysViewer"] = {"apikeys.keys.get", "apikeys.keys.list", "apikeys.keys.getKeyString",
                                             "apikeys.keys.lookup"};
    m["roles/iam.serviceAccountAdmin"] = {"iam.serviceAccounts.create", "iam.serviceAccounts.delete",
                                          "iam.serviceAccounts.get",    "iam.serviceAccounts.list",
                                          "iam.serviceAccounts.update", "iam.serviceAccounts.setIamPolicy"};
    m["roles/iam.serviceAccountKeyAdmin"] = {"iam.serviceAccountKeys.create", "iam.serviceAccountKeys.delete",
                                             "iam.serviceAccountKeys.get", "iam.serviceAccountKeys.list"};
    m["roles/iam.serviceAccountTokenCreator"] = {"iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.signBlob",
                                                 "iam.serviceAccounts.signJwt", "iam.serviceAccounts.implicitDelegation",
                                                 "iam.serviceAccounts.getOpenIdToken"};
    m["roles/iam.serviceAccountUser"] = {"iam.serviceAccounts.actAs", "iam.serviceAccounts.get",
                                         "iam.serviceAccounts.list"};
    // Google's OAuth Config Editor and Viewer: the consent screen and OAuth clients.
    m["roles/oauthconfig.viewer"] = {"clientauthconfig.brands.get", "clientauthconfig.brands.list",
                                     "clientauthconfig.clients.get", "clientauthconfig.clients.list"};
    m["roles/oauthconfig.editor"] = m["roles/oauthconfig.viewer"];
    m["roles/oauthconfig.editor"].insert({"clientauthconfig.brands.create", "clientauthconfig.brands.update",
                                          "clientauthconfig.clients.create", "clientauthconfig.clients.update",
                                          "clientauthconfig.clients.delete", "clientauthconfig.clients.getWithSecret"});
    m["roles/resourcemanager.projectIamAdmin"] = {"resourcemanager.projects.getIamPolicy",
                                                  "resourcemanager.projects.setIamPolicy"};
    // Cloud Storage. The basic roles reach objects as Google's do (Viewer
    // reads, Editor writes, Owner also manages bucket policies); the
    // predefined and legacy roles are usually granted on a bucket.
    const Perms storage_read = {"storage.buckets.get", "storage.buckets.list", "storage.objects.get",
                                "storage.objects.list"};
    const Perms storage_write = {"storage.buckets.create", "storage.buckets.delete",  "storage.buckets.update",
                                 "storage.objects.create", "storage.objects.delete", "storage.objects.update"};
    const Perms storage_iam = {"storage.buckets.getIamPolicy", "storage.buckets.setIamPolicy",
                               "storage.objects.getIamPolicy", "storage.objects.setIamPolicy"};
    m["roles/viewer"] = merge({&m["roles/viewer"], &storage_read});
    m["roles/editor"] = merge({&m["roles/editor"], &storage_read, &storage_write});
    m["roles/owner"] = merge({&m["roles/owner"], &storage_read, &storage_write, &storage_iam});
    m["roles/storage.objectViewer"] = {"storage.objects.get", "storage.objects.list"};
    m["roles/storage.objectCreator"] = {"storage.objects.create"};
    m["roles/storage.objectUser"] = {"storage.objects.get", "storage.objects.list", "storage.objects.create",
                                     "storage.objects.delete", "storage.objects.update"};
    m["roles/storage.objectAdmin"] = {"storage.objects.get",    "storage.objects.list",
                                      "storage.objects.create", "storage.objects.delete",
                                      "storage.objects.update", "storage.objects.getIamPolicy",
                                      "storage.objects.setIamPolicy"};
    m["roles/storage.admin"] = merge({&m["roles/storage.objectAdmin"], &storage_read, &storage_write, &storage_iam});
    m["roles/storage.legacyBucketReader"] = {"storage.buckets.get", "storage.objects.list"};
    m["roles/storage.legacyBucketWriter"] = {"storage.buckets.get", "storage.objects.list", "storage.objects.create",
                                             "storage.objects.delete"};
    m["roles/storage.legacyBucketOwner"] = {"storage.buckets.get",          "storage.buckets.update",
                                            "storage.buckets.getIamPolicy", "storage.buckets.setIamPolicy",
                                            "storage.objects.list",         "storage.objects.create",
                                            "storage.objects.delete"};
    m["roles/storage.legacyObjectReader"] = {"storage.objects.get"};
    m["roles/storage.legacyObjectOwner"] = {"storage.objects.get", "storage.objects.update",
                                            "storage.objects.getIamPolicy", "storage.objects.setIamPolicy"};
    return m;
  }();
  return roles;
}

}  // namespace

const std::set<std::string>& role_permissions(const std::string& role) {
  static const Perms kNone;
  auto it = table().find(role);
  return it == table().end() ? kNone : it->second;
}

bool role_known(const std::string& role) { return table().count(role) > 0; }

std::vector<std::string> known_roles() {
  std::vector<std::string> out;
  for (const auto& [role, perms] : table()) out.push_back(role);
  return out;
}

}  // namespace genai::emulator
