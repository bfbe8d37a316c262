/**
 * Stand-ins for what the `remediate` snippets call, so the snippets can run in the tests with no
 * network but the loopback: a Vault and Conjur server on 127.0.0.1, and fake Pinecone, AWS, hvac
 * and requests modules, fake CLIs (curl, aws, vault, conjur) and Java stubs that print what they
 * were given. A fake Pinecone client prints `pinecone-fake apiKey=<key>` on stderr and lists one
 * index, `fake-index`.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";

export const FAKE_INDEX = "fake-index";
export const CONJUR_ACCOUNT = "acme";
/** Has a slash, which must reach the server percent-encoded. */
export const CONJUR_LOGIN = "host/my-app";

/** Secrets the mock server and the fakes hand out; every value is made up per test run. */
export interface FakeSecrets {
  /** The Pinecone key every method must end up with. */
  apiKey: string;
  vaultToken: string;
  conjurApiKey: string;
  /** The access token Conjur's authn returns (raw JSON, as Conjur sends it). */
  conjurToken: string;
}

export interface MockSecretServer {
  url: string;
  /** Requests that matched no route or failed a check, for assertion messages. */
  rejected: string[];
  close(): Promise<void>;
}

/**
 * Vault KV v2 (`GET /v1/secret/data/pinecone` with X-Vault-Token) and Conjur (`POST
 * /authn/<account>/<login>/authenticate` with the API key as body, then `GET
 * /secrets/<account>/variable/<id>` with `Authorization: Token token="<base64 token>"`).
 */
export async function startMockSecretServer(secrets: FakeSecrets): Promise<MockSecretServer> {
  const rejected: string[] = [];
  const conjurAuthorization = `Token token="${Buffer.from(secrets.conjurToken).toString("base64")}"`;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const route = `${request.method} ${request.url}`;
      const send = (status: number, text: string, type = "text/plain"): void => {
        if (status >= 400) rejected.push(`${route} -> ${status}`);
        response.writeHead(status, { "content-type": type });
        response.end(text);
      };
      if (route === "GET /v1/secret/data/pinecone") {
        if (request.headers["x-vault-token"] !== secrets.vaultToken) return send(403, '{"errors":["permission denied"]}');
        const payload = { data: { data: { api_key: secrets.apiKey }, metadata: { version: 1 } } };
        return send(200, JSON.stringify(payload), "application/json");
      }
      if (route === `POST /authn/${CONJUR_ACCOUNT}/${encodeURIComponent(CONJUR_LOGIN)}/authenticate`) {
        if (body !== secrets.conjurApiKey) return send(401, "Unauthorized");
        return send(200, secrets.conjurToken, "application/json");
      }
      if (route === `GET /secrets/${CONJUR_ACCOUNT}/variable/${encodeURIComponent("pinecone/api-key")}`) {
        if (request.headers.authorization !== conjurAuthorization) return send(401, "Unauthorized");
        return send(200, secrets.apiKey, "application/octet-stream");
      }
      return send(404, "not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rejected,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The environment every snippet runs with: the real variables the snippets read, pointing at the fakes. */
export function snippetEnv(secrets: FakeSecrets, serverUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SYSTEMROOT: process.env.SYSTEMROOT,
    VAULT_ADDR: serverUrl,
    VAULT_TOKEN: secrets.vaultToken,
    CONJUR_APPLIANCE_URL: serverUrl,
    CONJUR_ACCOUNT,
    CONJUR_AUTHN_LOGIN: CONJUR_LOGIN,
    CONJUR_AUTHN_API_KEY: secrets.conjurApiKey,
    /** What the fake Secrets Manager (SDKs and CLI), fake vault and conjur CLIs hand out. */
    FAKE_SECRET_VALUE: secrets.apiKey,
    NO_COLOR: "1",
    ...extra,
  };
}

function write(path: string, text: string, executable = false): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (executable) chmodSync(path, 0o755);
}

// ---------------------------------------------------------------------------------------------
// JavaScript: fake packages in <dir>/node_modules

export function writeFakeNodeModules(dir: string): void {
  const pinecone = join(dir, "node_modules", "@pinecone-database", "pinecone");
  write(join(pinecone, "package.json"), JSON.stringify({ name: "@pinecone-database/pinecone", type: "module", exports: "./index.js" }));
  write(
    join(pinecone, "index.js"),
    `export class Pinecone {
  constructor(options) {
    const apiKey = options?.apiKey ?? process.env.PINECONE_API_KEY;
    process.stderr.write(\`pinecone-fake apiKey=\${apiKey}\\n\`);
  }
  async listIndexes() {
    return { indexes: [{ name: "${FAKE_INDEX}" }] };
  }
}
`,
  );
  const aws = join(dir, "node_modules", "@aws-sdk", "client-secrets-manager");
  write(join(aws, "package.json"), JSON.stringify({ name: "@aws-sdk/client-secrets-manager", type: "module", exports: "./index.js" }));
  write(
    join(aws, "index.js"),
    `export class GetSecretValueCommand {
  constructor(input) {
    this.input = input;
  }
}
export class SecretsManagerClient {
  constructor(config) {
    this.config = config;
  }
  async send(command) {
    if (!(command instanceof GetSecretValueCommand) || command.input.SecretId !== "pinecone/api-key") {
      throw new Error("fake Secrets Manager: unexpected " + JSON.stringify(command?.input));
    }
    return { Name: command.input.SecretId, SecretString: process.env.FAKE_SECRET_VALUE };
  }
}
`,
  );
}

// ---------------------------------------------------------------------------------------------
// Python: fake modules on PYTHONPATH (requests and hvac really talk HTTP, through urllib)

export function writeFakePythonModules(dir: string): void {
  write(
    join(dir, "pinecone", "__init__.py"),
    `import os
import sys


class _IndexList:
    def names(self):
        return ["${FAKE_INDEX}"]


class Pinecone:
    def __init__(self, api_key=None, **kwargs):
        if api_key is None:
            api_key = os.environ.get("PINECONE_API_KEY")
        sys.stderr.write("pinecone-fake apiKey=%s\\n" % api_key)

    def list_indexes(self):
        return _IndexList()
`,
  );
  write(
    join(dir, "boto3", "__init__.py"),
    `import os


class _SecretsManager:
    def get_secret_value(self, SecretId):
        if SecretId != "pinecone/api-key":
            raise KeyError(SecretId)
        return {"Name": SecretId, "SecretString": os.environ["FAKE_SECRET_VALUE"]}


def client(service_name, **kwargs):
    if service_name != "secretsmanager":
        raise ValueError(service_name)
    return _SecretsManager()
`,
  );
  write(
    join(dir, "requests", "__init__.py"),
    `import urllib.error
import urllib.request


class HTTPError(Exception):
    pass


class Response:
    def __init__(self, status_code, content):
        self.status_code = status_code
        self.content = content
        self.text = content.decode("utf-8")

    def raise_for_status(self):
        if self.status_code >= 400:
            raise HTTPError("%d %s" % (self.status_code, self.text))


def request(method, url, data=None, headers=None, timeout=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return Response(response.status, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read())


def post(url, data=None, **kwargs):
    return request("POST", url, data=data, **kwargs)


def get(url, **kwargs):
    return request("GET", url, **kwargs)
`,
  );
  write(
    join(dir, "hvac", "__init__.py"),
    `import json
import urllib.request


class _KvV2:
    def __init__(self, url, token):
        self._url = url
        self._token = token

    def read_secret_version(self, path, mount_point="secret", **kwargs):
        request = urllib.request.Request(
            "%s/v1/%s/data/%s" % (self._url, mount_point, path), headers={"X-Vault-Token": self._token}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())


class _Namespace:
    pass


class Client:
    def __init__(self, url=None, token=None, **kwargs):
        self.secrets = _Namespace()
        self.secrets.kv = _Namespace()
        self.secrets.kv.v2 = _KvV2(url, token)
`,
  );
}

// ---------------------------------------------------------------------------------------------
// Shell: fake commands on PATH

export function writeFakeCommands(dir: string): void {
  const expectArgs = (name: string, expected: string, output: string): string =>
    `#!/bin/sh
if [ "$*" != "${expected}" ]; then echo "fake ${name}: unexpected arguments: $*" >&2; exit 3; fi
${output}
`;
  write(
    join(dir, "aws"),
    expectArgs(
      "aws",
      "secretsmanager get-secret-value --secret-id pinecone/api-key --query SecretString --output text",
      'printf "%s\\n" "$FAKE_SECRET_VALUE"',
    ),
    true,
  );
  write(join(dir, "vault"), expectArgs("vault", "kv get -field=api_key secret/pinecone", 'printf "%s" "$FAKE_SECRET_VALUE"'), true);
  write(join(dir, "conjur"), expectArgs("conjur", "variable get -i pinecone/api-key", 'printf "%s" "$FAKE_SECRET_VALUE"'), true);
  // curl: reports the headers it read from stdin and its arguments (which must never hold the key).
  write(
    join(dir, "curl"),
    `#!/bin/sh
stdin_headers=""
for arg in "$@"; do
  if [ "$arg" = "@-" ]; then stdin_headers="$(cat)"; fi
done
printf 'curl-fake stdin=%s\\n' "$stdin_headers" >&2
printf 'curl-fake args=%s\\n' "$*" >&2
printf '{"indexes":[{"name":"${FAKE_INDEX}"}]}\\n'
`,
    true,
  );
}

// ---------------------------------------------------------------------------------------------
// Java: stubs with the real packages, class names and signatures the snippets use, that run too

export function writeJavaStubs(dir: string): void {
  const files: Record<string, string> = {
    "io/pinecone/clients/Pinecone.java": `package io.pinecone.clients;

public class Pinecone {
    private Pinecone(String apiKey) {
        System.err.println("pinecone-fake apiKey=" + apiKey);
    }

    public String listIndexes() {
        return "${FAKE_INDEX}";
    }

    public static class Builder {
        private final String apiKey;

        public Builder(String apiKey) {
            this.apiKey = apiKey;
        }

        public Pinecone build() {
            return new Pinecone(apiKey);
        }
    }
}
`,
    "software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.java": `package software.amazon.awssdk.services.secretsmanager;

import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** Like the SDK's: AutoCloseable whose close() throws nothing checked. */
public interface SecretsManagerClient extends AutoCloseable {
    static SecretsManagerClient create() {
        return new SecretsManagerClient() {
            public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
                if (!"pinecone/api-key".equals(request.secretId())) {
                    throw new IllegalArgumentException("unexpected secret id " + request.secretId());
                }
                return new GetSecretValueResponse(System.getenv("FAKE_SECRET_VALUE"));
            }

            public void close() {}
        };
    }

    GetSecretValueResponse getSecretValue(GetSecretValueRequest request);

    @Override
    void close();
}
`,
    "software/amazon/awssdk/services/secretsmanager/model/GetSecretValueRequest.java": `package software.amazon.awssdk.services.secretsmanager.model;

public final class GetSecretValueRequest {
    private final String secretId;

    private GetSecretValueRequest(String secretId) {
        this.secretId = secretId;
    }

    public String secretId() {
        return secretId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String secretId;

        public Builder secretId(String secretId) {
            this.secretId = secretId;
            return this;
        }

        public GetSecretValueRequest build() {
            return new GetSecretValueRequest(secretId);
        }
    }
}
`,
    "software/amazon/awssdk/services/secretsmanager/model/GetSecretValueResponse.java": `package software.amazon.awssdk.services.secretsmanager.model;

public final class GetSecretValueResponse {
    private final String secretString;

    public GetSecretValueResponse(String secretString) {
        this.secretString = secretString;
    }

    public String secretString() {
        return secretString;
    }
}
`,
    "io/github/jopenlibs/vault/VaultException.java": `package io.github.jopenlibs.vault;

public class VaultException extends Exception {
    private static final long serialVersionUID = 1L;

    public VaultException(String message) {
        super(message);
    }
}
`,
    "io/github/jopenlibs/vault/VaultConfig.java": `package io.github.jopenlibs.vault;

public class VaultConfig {
    String address;
    String token;

    public VaultConfig build() throws VaultException {
        address = System.getenv("VAULT_ADDR");
        token = System.getenv("VAULT_TOKEN");
        if (address == null) {
            throw new VaultException("No address is set");
        }
        return this;
    }
}
`,
    "io/github/jopenlibs/vault/Vault.java": `package io.github.jopenlibs.vault;

import io.github.jopenlibs.vault.api.Logical;

public interface Vault {
    static Vault create(VaultConfig config, Integer engineVersion) {
        if (engineVersion != 2) {
            throw new IllegalArgumentException("the fake serves KV v2 only");
        }
        return () -> new Logical(config.token);
    }

    Logical logical();
}
`,
    "io/github/jopenlibs/vault/api/Logical.java": `package io.github.jopenlibs.vault.api;

import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.util.Map;

public class Logical {
    private final String token;

    public Logical(String token) {
        this.token = token;
    }

    public LogicalResponse read(String path) throws VaultException {
        if (!"secret/pinecone".equals(path) || token == null) {
            throw new VaultException("fake Vault: cannot read " + path);
        }
        return new LogicalResponse(Map.of("api_key", System.getenv("FAKE_SECRET_VALUE")));
    }
}
`,
    "io/github/jopenlibs/vault/response/LogicalResponse.java": `package io.github.jopenlibs.vault.response;

import java.util.Map;

public class LogicalResponse {
    private final Map<String, String> data;

    public LogicalResponse(Map<String, String> data) {
        this.data = data;
    }

    public Map<String, String> getData() {
        return data;
    }
}
`,
  };
  for (const [path, text] of Object.entries(files)) write(join(dir, path), text);
}

/** The stub sources written by writeJavaStubs, relative to its directory. */
export const JAVA_STUB_FILES = [
  "io/pinecone/clients/Pinecone.java",
  "software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.java",
  "software/amazon/awssdk/services/secretsmanager/model/GetSecretValueRequest.java",
  "software/amazon/awssdk/services/secretsmanager/model/GetSecretValueResponse.java",
  "io/github/jopenlibs/vault/VaultException.java",
  "io/github/jopenlibs/vault/VaultConfig.java",
  "io/github/jopenlibs/vault/Vault.java",
  "io/github/jopenlibs/vault/api/Logical.java",
  "io/github/jopenlibs/vault/response/LogicalResponse.java",
];

// ---------------------------------------------------------------------------------------------
// TypeScript: declarations for a semantic check, a faithful subset of the packages' own types
// (apiKey is a required string; SecretString may be undefined; listIndexes' indexes is optional)

export const TYPESCRIPT_PACKAGE_DECLARATIONS = `declare module "@pinecone-database/pinecone" {
  export interface PineconeConfiguration {
    apiKey: string;
    controllerHostUrl?: string;
  }
  export interface IndexModel {
    name: string;
    host: string;
    dimension?: number;
  }
  export interface IndexList {
    indexes?: Array<IndexModel>;
  }
  export class Pinecone {
    constructor(options?: PineconeConfiguration);
    listIndexes(): Promise<IndexList>;
  }
}

declare module "@aws-sdk/client-secrets-manager" {
  export interface GetSecretValueCommandInput {
    SecretId: string | undefined;
    VersionId?: string;
    VersionStage?: string;
  }
  export interface GetSecretValueCommandOutput {
    ARN?: string;
    Name?: string;
    SecretString?: string;
    SecretBinary?: Uint8Array;
  }
  export class GetSecretValueCommand {
    constructor(input: GetSecretValueCommandInput);
    readonly input: GetSecretValueCommandInput;
  }
  export interface SecretsManagerClientConfig {
    region?: string;
  }
  export class SecretsManagerClient {
    constructor(config: SecretsManagerClientConfig);
    send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
  }
}
`;
