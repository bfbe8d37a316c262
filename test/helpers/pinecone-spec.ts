/**
 * The parts of Pinecone's public OpenAPI specs that pinekey-hook relies on, snapshotted so that a
 * change in the spec is a visible diff here (and in what the fake accepts and answers).
 *
 * Source: github.com/pinecone-io/pinecone-api at 068bdf773d321e467e8158c4f097b62b60ef8020 (2026-05-20):
 *   2026-04/oauth_2026-04.oas.yaml        POST /oauth/token: TokenRequest → 200 TokenResponse
 *   2026-04/admin_2026-04.oas.yaml        /admin/projects, /admin/projects/{project_id}/api-keys (GET, POST 201),
 *                                         /admin/api-keys/{api_key_id} (GET, DELETE 202 "deletion request accepted")
 *   2026-04/db_control_2026-04.oas.yaml   GET /indexes → IndexList, GET /collections → CollectionList
 *
 * Converted from OpenAPI 3.0 to plain JSON Schema (what ajv reads): `x-enum` (documented values)
 * becomes `enum`, so the fake is stricter than the spec's wording; examples and descriptions dropped;
 * IndexModel keeps the fields the exposure report reads.
 */
const ROLE = {
  type: "string",
  enum: ["ProjectEditor", "ProjectViewer", "ControlPlaneEditor", "ControlPlaneViewer", "DataPlaneEditor", "DataPlaneViewer"],
};

export const SPEC_SCHEMAS = {
  // oauth_2026-04.oas.yaml
  TokenRequest: {
    type: "object",
    properties: {
      client_id: { type: "string" },
      client_secret: { type: "string" },
      grant_type: { type: "string", enum: ["client_credentials"] },
      audience: { type: "string", enum: ["https://api.pinecone.io/"] },
    },
    required: ["client_id", "client_secret", "grant_type", "audience"],
  },
  TokenResponse: {
    type: "object",
    properties: {
      access_token: { type: "string" },
      token_type: { type: "string", enum: ["Bearer"] },
      expires_in: { type: "integer" },
    },
    required: ["access_token", "token_type", "expires_in"],
  },
  OAuthErrorResponse: {
    type: "object",
    properties: { error: { type: "string" }, error_description: { type: "string" } },
  },
  // admin_2026-04.oas.yaml
  APIKey: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      name: { type: "string" },
      project_id: { type: "string", format: "uuid" },
      roles: { type: "array", items: ROLE },
    },
    required: ["id", "name", "project_id", "roles"],
  },
  APIKeyWithSecret: {
    type: "object",
    properties: { key: { $ref: "#/definitions/APIKey" }, value: { type: "string" } },
    required: ["key", "value"],
  },
  ListApiKeysResponse: {
    type: "object",
    properties: { data: { type: "array", items: { $ref: "#/definitions/APIKey" } } },
    required: ["data"],
  },
  CreateAPIKeyRequest: {
    type: "object",
    properties: {
      name: { type: "string", minLength: 1, maxLength: 80 },
      roles: { type: "array", items: ROLE },
    },
    required: ["name"],
  },
  Project: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      name: { type: "string", minLength: 1, maxLength: 512 },
      max_pods: { type: "integer" },
      force_encryption_with_cmek: { type: "boolean" },
      organization_id: { type: "string" },
      created_at: { type: "string" },
    },
    required: ["id", "name", "max_pods", "force_encryption_with_cmek", "organization_id"],
  },
  ProjectList: {
    type: "object",
    properties: { data: { type: "array", items: { $ref: "#/definitions/Project" } } },
    required: ["data"],
  },
  ErrorResponse: {
    type: "object",
    properties: {
      status: { type: "integer" },
      error: {
        type: "object",
        properties: { code: { type: "string" }, message: { type: "string" }, details: { type: "object" } },
        required: ["code", "message"],
      },
    },
    required: ["status", "error"],
  },
  // db_control_2026-04.oas.yaml
  IndexModel: {
    type: "object",
    properties: {
      name: { type: "string", minLength: 1, maxLength: 45 },
      dimension: { type: "integer", minimum: 1, maximum: 20000 },
      metric: { type: "string", enum: ["cosine", "euclidean", "dotproduct"] },
      host: { type: "string" },
      deletion_protection: { type: "string", enum: ["disabled", "enabled"] },
      spec: {
        type: "object",
        oneOf: [
          {
            properties: { serverless: { type: "object", properties: { cloud: { type: "string", enum: ["gcp", "aws", "azure"] }, region: { type: "string" } }, required: ["cloud", "region"] } },
            required: ["serverless"],
            additionalProperties: false,
          },
          { properties: { pod: { type: "object", properties: { environment: { type: "string" } } } }, required: ["pod"], additionalProperties: false },
          { properties: { byoc: { type: "object", properties: { environment: { type: "string" } } } }, required: ["byoc"], additionalProperties: false },
        ],
      },
      status: { type: "object" },
      vector_type: { type: "string" },
    },
    required: ["name", "metric", "host", "spec", "status"],
  },
  IndexList: {
    type: "object",
    properties: { indexes: { type: "array", items: { $ref: "#/definitions/IndexModel" } } },
  },
  CollectionModel: {
    type: "object",
    properties: {
      name: { type: "string" },
      size: { type: "integer" },
      status: { type: "string", enum: ["Initializing", "Ready", "Terminating"] },
      dimension: { type: "integer", minimum: 1, maximum: 20000 },
      vector_count: { type: "integer" },
      environment: { type: "string" },
    },
    required: ["name", "status", "environment"],
  },
  CollectionList: {
    type: "object",
    properties: { collections: { type: "array", items: { $ref: "#/definitions/CollectionModel" } } },
  },
} as const;

export type SpecSchema = keyof typeof SPEC_SCHEMAS;
