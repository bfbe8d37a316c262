/**
 * What `pinekey-hook remediate` prints: for each language and each way of keeping the key out of
 * the code, a complete snippet that reads PINECONE_API_KEY that way and creates the Pinecone client,
 * then the rotation checklist.
 *
 * This text lives here, not in messages.ts, so that the hooks never load it: only the remediate
 * command imports this module (bin.ts loads commands on demand). Code that runs inside a hook and
 * wants `remediateFlagsFor` must `await import()` it, on the blocked path only.
 *
 * Snippets are template literals: inside them `\${` stands for a literal `${`, `\\` for a
 * backslash and "\`" for a backtick. The unit tests parse every snippet with the language's own
 * tools (python3, node --check, TypeScript, javac, sh -n) where they exist.
 */
import kleur from "kleur";
import { colourEnabled } from "./colour.js";
import { languageOf, type LanguageId } from "../core/languages.js";
import { wrap } from "./text.js";

kleur.enabled = colourEnabled();

export const REMEDIATE_LANGUAGES = ["python", "js", "ts", "go", "java", "csharp", "ruby", "shell"] as const;
export type RemediateLanguage = (typeof REMEDIATE_LANGUAGES)[number];

/** In order of recommendation: the first is the default. */
export const REMEDIATE_METHODS = ["env", "aws", "vault", "conjur"] as const;
export type RemediateMethod = (typeof REMEDIATE_METHODS)[number];

/** The example names the snippets use; each snippet says they are examples to adjust. */
export const SECRET_NAME = "pinecone/api-key";
export const VAULT_PATH = "secret/pinecone";
export const VAULT_FIELD = "api_key";

interface LanguageInfo {
  label: string;
  /** What the snippets build on. */
  client: string;
  /** Where to put the snippet, when a file name matters. */
  file: string;
}

const LANGUAGE_INFO: Record<RemediateLanguage, LanguageInfo> = {
  python: { label: "Python", client: "the pinecone package", file: "main.py" },
  js: { label: "JavaScript (ESM, Node 18+)", client: "@pinecone-database/pinecone", file: "main.mjs" },
  ts: { label: "TypeScript (ESM, Node 18+)", client: "@pinecone-database/pinecone", file: "main.ts" },
  go: { label: "Go", client: "go-pinecone v3", file: "main.go" },
  java: { label: "Java (11+)", client: "io.pinecone:pinecone-client", file: "Main.java" },
  csharp: { label: "C# (.NET 6+)", client: "Pinecone.Client", file: "Program.cs (top-level statements)" },
  ruby: { label: "Ruby", client: "the Pinecone REST API (there is no official Ruby SDK)", file: "main.rb" },
  shell: { label: "POSIX shell", client: "curl and the Pinecone REST API", file: "pinecone.sh" },
};

interface MethodInfo {
  label: string;
  /** Said once under the snippet. */
  note: string;
}

const METHOD_INFO: Record<RemediateMethod, MethodInfo> = {
  env: {
    label: "from the environment variable PINECONE_API_KEY",
    note:
      "Set PINECONE_API_KEY outside git: in your deployment's secret settings, your CI's secrets,\n" +
      "or an untracked .env file (add .env to .gitignore; commit a .env.example with the name only).",
  },
  aws: {
    label: "from AWS Secrets Manager",
    note:
      `Store the key as plain text (not as JSON key/value pairs); the name "${SECRET_NAME}" is an\n` +
      "example. The caller needs secretsmanager:GetSecretValue on that secret only.",
  },
  vault: {
    label: "from HashiCorp Vault (KV version 2)",
    note:
      `The snippet expects a KV v2 engine mounted at secret/ with the field ${VAULT_FIELD} at pinecone\n` +
      `(vault kv put ${VAULT_PATH} ${VAULT_FIELD}=...); path and field are examples. VAULT_ADDR\n` +
      "and VAULT_TOKEN come from the environment; give the token a policy that reads that path only.",
  },
  conjur: {
    label: "from CyberArk Conjur",
    note:
      `The variable id "${SECRET_NAME}" is an example. CONJUR_APPLIANCE_URL, CONJUR_ACCOUNT,\n` +
      "CONJUR_AUTHN_LOGIN (e.g. host/my-app) and CONJUR_AUTHN_API_KEY come from the environment\n" +
      "(Conjur Enterprise serves its API under /api: include it in the URL). Permit the host to\n" +
      "read and execute that one variable only.",
  },
};

interface Snippet {
  /** How to get what the snippet imports. */
  install: string;
  code: string;
}

const WHERE = {
  env: "The key lives in the environment variable PINECONE_API_KEY, set outside the code (never in git).",
  aws: `The key lives in AWS Secrets Manager as the secret "${SECRET_NAME}" (example name: use yours).`,
  vault: `The key lives in Vault KV v2 at ${VAULT_PATH}, field ${VAULT_FIELD} (example path and field: use yours).`,
  conjur: `The key lives in the Conjur variable ${SECRET_NAME} (an example id: use yours).`,
} satisfies Record<RemediateMethod, string>;

const SNIPPETS: Record<RemediateLanguage, Record<RemediateMethod, Snippet>> = {
  // -------------------------------------------------------------------------------------------
  python: {
    env: {
      install: "pip install pinecone",
      code: `
# ${WHERE.env}
import os

from pinecone import Pinecone

api_key = os.environ.get("PINECONE_API_KEY")
if not api_key:
    raise SystemExit("PINECONE_API_KEY is not set")

pc = Pinecone(api_key=api_key)  # Pinecone() with no arguments reads PINECONE_API_KEY too
print(pc.list_indexes().names())
`,
    },
    aws: {
      install: "pip install pinecone boto3",
      code: `
# ${WHERE.aws}
import boto3
from pinecone import Pinecone

# Region and credentials come from the usual AWS configuration (environment, profile or role).
secrets = boto3.client("secretsmanager")
api_key = secrets.get_secret_value(SecretId="${SECRET_NAME}")["SecretString"]

pc = Pinecone(api_key=api_key)
print(pc.list_indexes().names())
`,
    },
    vault: {
      install: "pip install pinecone hvac",
      code: `
# ${WHERE.vault}
import os

import hvac
from pinecone import Pinecone

vault = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
secret = vault.secrets.kv.v2.read_secret_version(path="pinecone", mount_point="secret")
api_key = secret["data"]["data"]["${VAULT_FIELD}"]

pc = Pinecone(api_key=api_key)
print(pc.list_indexes().names())
`,
    },
    conjur: {
      install: "pip install pinecone requests",
      code: `
# ${WHERE.conjur}
import base64
import os
from urllib.parse import quote

import requests
from pinecone import Pinecone

conjur_url = os.environ["CONJUR_APPLIANCE_URL"].rstrip("/")
account = quote(os.environ["CONJUR_ACCOUNT"], safe="")
login = quote(os.environ["CONJUR_AUTHN_LOGIN"], safe="")  # e.g. host/my-app
variable_id = quote("${SECRET_NAME}", safe="")

# 1. Trade the Conjur API key for a short-lived access token.
response = requests.post(
    f"{conjur_url}/authn/{account}/{login}/authenticate",
    data=os.environ["CONJUR_AUTHN_API_KEY"],
    timeout=10,
)
response.raise_for_status()
token = base64.b64encode(response.content).decode("ascii")

# 2. Read the variable with the token.
response = requests.get(
    f"{conjur_url}/secrets/{account}/variable/{variable_id}",
    headers={"Authorization": f'Token token="{token}"'},
    timeout=10,
)
response.raise_for_status()
api_key = response.text

pc = Pinecone(api_key=api_key)
print(pc.list_indexes().names())
`,
    },
  },

  // -------------------------------------------------------------------------------------------
  js: {
    env: {
      install: "npm install @pinecone-database/pinecone",
      code: `
// ${WHERE.env}
import { Pinecone } from "@pinecone-database/pinecone";

const apiKey = process.env.PINECONE_API_KEY;
if (!apiKey) throw new Error("PINECONE_API_KEY is not set");

const pc = new Pinecone({ apiKey }); // new Pinecone() with no options reads PINECONE_API_KEY too
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
    aws: {
      install: "npm install @pinecone-database/pinecone @aws-sdk/client-secrets-manager",
      code: `
// ${WHERE.aws}
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Pinecone } from "@pinecone-database/pinecone";

// Region and credentials come from the usual AWS configuration (environment, profile or role).
const secrets = new SecretsManagerClient({});
const command = new GetSecretValueCommand({ SecretId: "${SECRET_NAME}" });
const { SecretString: apiKey } = await secrets.send(command);
if (!apiKey) throw new Error("the secret ${SECRET_NAME} has no SecretString");

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
    vault: {
      install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
      code: `
// ${WHERE.vault}
import { Pinecone } from "@pinecone-database/pinecone";

const { VAULT_ADDR, VAULT_TOKEN } = process.env;
if (!VAULT_ADDR || !VAULT_TOKEN) throw new Error("VAULT_ADDR and VAULT_TOKEN must be set");

// KV v2 reads go to <mount>/data/<path>, and the fields come back under data.data.
const response = await fetch(\`\${VAULT_ADDR}/v1/secret/data/pinecone\`, {
  headers: { "X-Vault-Token": VAULT_TOKEN },
});
if (!response.ok) throw new Error(\`Vault answered \${response.status} for ${VAULT_PATH}\`);
const body = await response.json();
const apiKey = body.data.data.${VAULT_FIELD};
if (!apiKey) throw new Error("${VAULT_PATH} has no ${VAULT_FIELD} field");

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
    conjur: {
      install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
      code: `
// ${WHERE.conjur}
import { Pinecone } from "@pinecone-database/pinecone";

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

const conjurUrl = requireEnv("CONJUR_APPLIANCE_URL");
const account = encodeURIComponent(requireEnv("CONJUR_ACCOUNT"));
const login = encodeURIComponent(requireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
const variableId = encodeURIComponent("${SECRET_NAME}");

// 1. Trade the Conjur API key for a short-lived access token.
const authn = await fetch(\`\${conjurUrl}/authn/\${account}/\${login}/authenticate\`, {
  method: "POST",
  body: requireEnv("CONJUR_AUTHN_API_KEY"),
});
if (!authn.ok) throw new Error(\`Conjur authentication answered \${authn.status}\`);
const token = Buffer.from(await authn.arrayBuffer()).toString("base64");

// 2. Read the variable with the token.
const secret = await fetch(\`\${conjurUrl}/secrets/\${account}/variable/\${variableId}\`, {
  headers: { Authorization: \`Token token="\${token}"\` },
});
if (!secret.ok) throw new Error(\`Conjur answered \${secret.status} for ${SECRET_NAME}\`);
const apiKey = await secret.text();

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
  },

  // -------------------------------------------------------------------------------------------
  // Like JavaScript, with the types spelled out where they matter: Pinecone wants `apiKey: string`,
  // and process.env, SecretString and parsed JSON are all possibly undefined or untyped.
  ts: {
    env: {
      install: "npm install @pinecone-database/pinecone   (and @types/node for process.env)",
      code: `
// ${WHERE.env}
import { Pinecone } from "@pinecone-database/pinecone";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

// apiKey must be a string: process.env.PINECONE_API_KEY alone is string | undefined.
const pc = new Pinecone({ apiKey: requireEnv("PINECONE_API_KEY") });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
    aws: {
      install: "npm install @pinecone-database/pinecone @aws-sdk/client-secrets-manager",
      code: `
// ${WHERE.aws}
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Pinecone } from "@pinecone-database/pinecone";

// Region and credentials come from the usual AWS configuration (environment, profile or role).
const secrets = new SecretsManagerClient({});
const command = new GetSecretValueCommand({ SecretId: "${SECRET_NAME}" });
const { SecretString } = await secrets.send(command);
if (SecretString === undefined) throw new Error("the secret ${SECRET_NAME} has no SecretString");
const apiKey: string = SecretString;

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
    vault: {
      install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
      code: `
// ${WHERE.vault}
import { Pinecone } from "@pinecone-database/pinecone";

/** What Vault returns for a KV v2 read: the secret's fields sit under data.data. */
interface KvV2Read {
  data: { data: Record<string, string | undefined> };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

const response = await fetch(\`\${requireEnv("VAULT_ADDR")}/v1/secret/data/pinecone\`, {
  headers: { "X-Vault-Token": requireEnv("VAULT_TOKEN") },
});
if (!response.ok) throw new Error(\`Vault answered \${response.status} for ${VAULT_PATH}\`);
const body = (await response.json()) as KvV2Read;
const apiKey = body.data.data["${VAULT_FIELD}"];
if (!apiKey) throw new Error("${VAULT_PATH} has no ${VAULT_FIELD} field");

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
    conjur: {
      install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
      code: `
// ${WHERE.conjur}
import { Pinecone } from "@pinecone-database/pinecone";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

const conjurUrl = requireEnv("CONJUR_APPLIANCE_URL");
const account = encodeURIComponent(requireEnv("CONJUR_ACCOUNT"));
const login = encodeURIComponent(requireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
const variableId = encodeURIComponent("${SECRET_NAME}");

// 1. Trade the Conjur API key for a short-lived access token.
const authn: Response = await fetch(\`\${conjurUrl}/authn/\${account}/\${login}/authenticate\`, {
  method: "POST",
  body: requireEnv("CONJUR_AUTHN_API_KEY"),
});
if (!authn.ok) throw new Error(\`Conjur authentication answered \${authn.status}\`);
const token: string = Buffer.from(await authn.arrayBuffer()).toString("base64");

// 2. Read the variable with the token.
const secret: Response = await fetch(\`\${conjurUrl}/secrets/\${account}/variable/\${variableId}\`, {
  headers: { Authorization: \`Token token="\${token}"\` },
});
if (!secret.ok) throw new Error(\`Conjur answered \${secret.status} for ${SECRET_NAME}\`);
const apiKey: string = await secret.text();

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`,
    },
  },

  // -------------------------------------------------------------------------------------------
  go: {
    env: {
      install: "go get github.com/pinecone-io/go-pinecone/v3/pinecone",
      code: `
// ${WHERE.env}
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	apiKey := os.Getenv("PINECONE_API_KEY")
	if apiKey == "" {
		log.Fatal("PINECONE_API_KEY is not set")
	}

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(context.Background())
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`,
    },
    aws: {
      install:
        "go get github.com/pinecone-io/go-pinecone/v3/pinecone github.com/aws/aws-sdk-go-v2/config github.com/aws/aws-sdk-go-v2/service/secretsmanager",
      code: `
// ${WHERE.aws}
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	ctx := context.Background()

	// Region and credentials come from the usual AWS configuration (environment, profile or role).
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	secrets := secretsmanager.NewFromConfig(cfg)
	out, err := secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{
		SecretId: aws.String("${SECRET_NAME}"),
	})
	if err != nil {
		log.Fatalf("secrets manager: %v", err)
	}
	apiKey := aws.ToString(out.SecretString)
	if apiKey == "" {
		log.Fatal("the secret ${SECRET_NAME} has no SecretString")
	}

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(ctx)
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`,
    },
    vault: {
      install: "go get github.com/pinecone-io/go-pinecone/v3/pinecone github.com/hashicorp/vault/api",
      code: `
// ${WHERE.vault}
package main

import (
	"context"
	"fmt"
	"log"

	vault "github.com/hashicorp/vault/api"
	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	ctx := context.Background()

	// DefaultConfig reads VAULT_ADDR, and NewClient reads VAULT_TOKEN, from the environment.
	client, err := vault.NewClient(vault.DefaultConfig())
	if err != nil {
		log.Fatalf("vault: %v", err)
	}
	secret, err := client.KVv2("secret").Get(ctx, "pinecone")
	if err != nil {
		log.Fatalf("vault: %v", err)
	}
	apiKey, ok := secret.Data["${VAULT_FIELD}"].(string)
	if !ok || apiKey == "" {
		log.Fatal("${VAULT_PATH} has no ${VAULT_FIELD} field")
	}

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(ctx)
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`,
    },
    conjur: {
      install: "go get github.com/pinecone-io/go-pinecone/v3/pinecone github.com/cyberark/conjur-api-go/conjurapi",
      code: `
// ${WHERE.conjur}
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/cyberark/conjur-api-go/conjurapi"
	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	// LoadConfig reads CONJUR_APPLIANCE_URL and CONJUR_ACCOUNT (and ~/.conjurrc);
	// NewClientFromEnvironment logs in with CONJUR_AUTHN_LOGIN and CONJUR_AUTHN_API_KEY.
	config, err := conjurapi.LoadConfig()
	if err != nil {
		log.Fatalf("conjur config: %v", err)
	}
	conjur, err := conjurapi.NewClientFromEnvironment(config)
	if err != nil {
		log.Fatalf("conjur: %v", err)
	}
	value, err := conjur.RetrieveSecret("${SECRET_NAME}")
	if err != nil {
		log.Fatalf("conjur: %v", err)
	}
	apiKey := string(value)

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(context.Background())
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`,
    },
  },

  // -------------------------------------------------------------------------------------------
  java: {
    env: {
      install: "Maven/Gradle: io.pinecone:pinecone-client",
      code: `
// ${WHERE.env}
import io.pinecone.clients.Pinecone;

public class Main {
    public static void main(String[] args) {
        String apiKey = System.getenv("PINECONE_API_KEY");
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalStateException("PINECONE_API_KEY is not set");
        }

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`,
    },
    aws: {
      install: "Maven/Gradle: io.pinecone:pinecone-client and software.amazon.awssdk:secretsmanager (AWS SDK v2)",
      code: `
// ${WHERE.aws}
import io.pinecone.clients.Pinecone;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

public class Main {
    public static void main(String[] args) {
        String apiKey;
        // Region and credentials come from the usual AWS configuration (environment, profile or role).
        try (SecretsManagerClient secrets = SecretsManagerClient.create()) {
            GetSecretValueRequest request =
                    GetSecretValueRequest.builder().secretId("${SECRET_NAME}").build();
            apiKey = secrets.getSecretValue(request).secretString();
        }
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalStateException("the secret ${SECRET_NAME} has no SecretString");
        }

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`,
    },
    vault: {
      install: "Maven/Gradle: io.pinecone:pinecone-client and io.github.jopenlibs:vault-java-driver (6.x)",
      code: `
// ${WHERE.vault}
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.pinecone.clients.Pinecone;

public class Main {
    public static void main(String[] args) throws VaultException {
        // build() reads VAULT_ADDR and VAULT_TOKEN from the environment.
        VaultConfig config = new VaultConfig().build();
        // 2: the KV version 2 engine. (With vault-java-driver 5.x: new Vault(config, 2).)
        Vault vault = Vault.create(config, 2);
        String apiKey = vault.logical().read("${VAULT_PATH}").getData().get("${VAULT_FIELD}");
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalStateException("${VAULT_PATH} has no ${VAULT_FIELD} field");
        }

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`,
    },
    conjur: {
      install: "Maven/Gradle: io.pinecone:pinecone-client (Conjur through the JDK's java.net.http, no extra library)",
      code: `
// ${WHERE.conjur}
import io.pinecone.clients.Pinecone;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class Main {
    static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String conjurUrl = requireEnv("CONJUR_APPLIANCE_URL");
        String account = encode(requireEnv("CONJUR_ACCOUNT"));
        String login = encode(requireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
        String variableId = encode("${SECRET_NAME}");
        HttpClient http = HttpClient.newHttpClient();

        // 1. Trade the Conjur API key for a short-lived access token.
        HttpRequest authnRequest = HttpRequest.newBuilder(
                        URI.create(conjurUrl + "/authn/" + account + "/" + login + "/authenticate"))
                .POST(HttpRequest.BodyPublishers.ofString(requireEnv("CONJUR_AUTHN_API_KEY")))
                .build();
        HttpResponse<byte[]> authn = http.send(authnRequest, HttpResponse.BodyHandlers.ofByteArray());
        if (authn.statusCode() != 200) {
            throw new IllegalStateException("Conjur authentication answered " + authn.statusCode());
        }
        String token = Base64.getEncoder().encodeToString(authn.body());

        // 2. Read the variable with the token.
        HttpRequest secretRequest = HttpRequest.newBuilder(
                        URI.create(conjurUrl + "/secrets/" + account + "/variable/" + variableId))
                .header("Authorization", "Token token=\\"" + token + "\\"")
                .build();
        HttpResponse<String> secret = http.send(secretRequest, HttpResponse.BodyHandlers.ofString());
        if (secret.statusCode() != 200) {
            throw new IllegalStateException("Conjur answered " + secret.statusCode());
        }
        String apiKey = secret.body();

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`,
    },
  },

  // -------------------------------------------------------------------------------------------
  csharp: {
    env: {
      install: "dotnet add package Pinecone.Client",
      code: `
// ${WHERE.env}
using System;
using Pinecone;

var apiKey = Environment.GetEnvironmentVariable("PINECONE_API_KEY");
if (string.IsNullOrEmpty(apiKey))
{
    throw new InvalidOperationException("PINECONE_API_KEY is not set");
}

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());
`,
    },
    aws: {
      install: "dotnet add package Pinecone.Client && dotnet add package AWSSDK.SecretsManager",
      code: `
// ${WHERE.aws}
using System;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Pinecone;

// Region and credentials come from the usual AWS configuration (environment, profile or role).
using var secrets = new AmazonSecretsManagerClient();
var request = new GetSecretValueRequest { SecretId = "${SECRET_NAME}" };
var secret = await secrets.GetSecretValueAsync(request);
var apiKey = secret.SecretString;
if (string.IsNullOrEmpty(apiKey))
{
    throw new InvalidOperationException("the secret ${SECRET_NAME} has no SecretString");
}

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());
`,
    },
    vault: {
      install: "dotnet add package Pinecone.Client && dotnet add package VaultSharp",
      code: `
// ${WHERE.vault}
using System;
using Pinecone;
using VaultSharp;
using VaultSharp.V1.AuthMethods.Token;

var vaultAddress = Environment.GetEnvironmentVariable("VAULT_ADDR")
    ?? throw new InvalidOperationException("VAULT_ADDR is not set");
var vaultToken = Environment.GetEnvironmentVariable("VAULT_TOKEN")
    ?? throw new InvalidOperationException("VAULT_TOKEN is not set");

var settings = new VaultClientSettings(vaultAddress, new TokenAuthMethodInfo(vaultToken));
var vault = new VaultClient(settings);
var secret = await vault.V1.Secrets.KeyValue.V2.ReadSecretAsync(path: "pinecone", mountPoint: "secret");
var apiKey = secret.Data.Data.TryGetValue("${VAULT_FIELD}", out var value) ? value?.ToString() : null;
if (string.IsNullOrEmpty(apiKey))
{
    throw new InvalidOperationException("${VAULT_PATH} has no ${VAULT_FIELD} field");
}

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());
`,
    },
    conjur: {
      install: "dotnet add package Pinecone.Client   (Conjur through HttpClient, no extra package)",
      code: `
// ${WHERE.conjur}
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using Pinecone;

var conjurUrl = RequireEnv("CONJUR_APPLIANCE_URL");
var account = Uri.EscapeDataString(RequireEnv("CONJUR_ACCOUNT"));
var login = Uri.EscapeDataString(RequireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
var variableId = Uri.EscapeDataString("${SECRET_NAME}");
using var http = new HttpClient();

// 1. Trade the Conjur API key for a short-lived access token.
using var authn = await http.PostAsync(
    $"{conjurUrl}/authn/{account}/{login}/authenticate",
    new StringContent(RequireEnv("CONJUR_AUTHN_API_KEY")));
authn.EnsureSuccessStatusCode();
var token = Convert.ToBase64String(await authn.Content.ReadAsByteArrayAsync());

// 2. Read the variable with the token.
var secretUrl = $"{conjurUrl}/secrets/{account}/variable/{variableId}";
using var request = new HttpRequestMessage(HttpMethod.Get, secretUrl);
request.Headers.Authorization = new AuthenticationHeaderValue("Token", $"token=\\"{token}\\"");
using var secret = await http.SendAsync(request);
secret.EnsureSuccessStatusCode();
var apiKey = await secret.Content.ReadAsStringAsync();

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());

static string RequireEnv(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{name} is not set");
`,
    },
  },

  // -------------------------------------------------------------------------------------------
  // Pinecone has no official Ruby SDK: each snippet ends with the same small REST client.
  ruby: {
    env: {
      install: "nothing: net/http and json are in Ruby's standard library",
      code: `
# ${WHERE.env}
require "json"
require "net/http"

api_key = ENV.fetch("PINECONE_API_KEY", "")
abort "PINECONE_API_KEY is not set" if api_key.empty?

${rubyClient()}
`,
    },
    aws: {
      install: "gem install aws-sdk-secretsmanager",
      code: `
# ${WHERE.aws}
require "aws-sdk-secretsmanager"
require "json"
require "net/http"

# Region and credentials come from the usual AWS configuration (environment, profile or role).
secrets = Aws::SecretsManager::Client.new
api_key = secrets.get_secret_value(secret_id: "${SECRET_NAME}").secret_string
abort "the secret ${SECRET_NAME} has no SecretString" if api_key.nil? || api_key.empty?

${rubyClient()}
`,
    },
    vault: {
      install: "gem install vault",
      code: `
# ${WHERE.vault}
require "json"
require "net/http"
require "vault"

Vault.address = ENV.fetch("VAULT_ADDR")
Vault.token = ENV.fetch("VAULT_TOKEN")
secret = Vault.kv("secret").read("pinecone") # KV v2: Vault.kv(mount).read(path)
api_key = secret&.data&.fetch(:${VAULT_FIELD}, nil)
abort "${VAULT_PATH} has no ${VAULT_FIELD} field" if api_key.nil? || api_key.empty?

${rubyClient()}
`,
    },
    conjur: {
      install: "nothing: net/http, erb and json are in Ruby's standard library",
      code: `
# ${WHERE.conjur}
require "erb"
require "json"
require "net/http"

conjur_url = ENV.fetch("CONJUR_APPLIANCE_URL")
account = ERB::Util.url_encode(ENV.fetch("CONJUR_ACCOUNT"))
login = ERB::Util.url_encode(ENV.fetch("CONJUR_AUTHN_LOGIN")) # e.g. host/my-app
variable_id = ERB::Util.url_encode("${SECRET_NAME}")

# 1. Trade the Conjur API key for a short-lived access token.
authn_uri = URI("#{conjur_url}/authn/#{account}/#{login}/authenticate")
authn = Net::HTTP.post(authn_uri, ENV.fetch("CONJUR_AUTHN_API_KEY"))
raise "Conjur authentication answered #{authn.code}" unless authn.is_a?(Net::HTTPSuccess)
token = [authn.body].pack("m0") # base64 without line breaks

# 2. Read the variable with the token.
secret = Net::HTTP.get_response(
  URI("#{conjur_url}/secrets/#{account}/variable/#{variable_id}"),
  { "Authorization" => %(Token token="#{token}") }
)
raise "Conjur answered #{secret.code} for ${SECRET_NAME}" unless secret.is_a?(Net::HTTPSuccess)
api_key = secret.body

${rubyClient()}
`,
    },
  },

  // -------------------------------------------------------------------------------------------
  shell: {
    env: {
      install: "curl",
      code: `
#!/bin/sh
# ${WHERE.env}
: "\${PINECONE_API_KEY:?set PINECONE_API_KEY first}"

${shellClient()}
`,
    },
    aws: {
      install: "the AWS CLI (aws), and curl",
      code: `
#!/bin/sh
# ${WHERE.aws}
# Region and credentials come from the usual AWS configuration (environment, profile or role).
PINECONE_API_KEY="$(aws secretsmanager get-secret-value --secret-id ${SECRET_NAME} \\
  --query SecretString --output text)" || exit 1
export PINECONE_API_KEY

${shellClient()}
`,
    },
    vault: {
      install: "the Vault CLI (vault; it reads VAULT_ADDR and VAULT_TOKEN), and curl",
      code: `
#!/bin/sh
# ${WHERE.vault}
PINECONE_API_KEY="$(vault kv get -field=${VAULT_FIELD} ${VAULT_PATH})" || exit 1
export PINECONE_API_KEY

${shellClient()}
`,
    },
    conjur: {
      install: "the Conjur CLI (conjur, v8+; after conjur init and conjur login), and curl",
      code: `
#!/bin/sh
# ${WHERE.conjur}
PINECONE_API_KEY="$(conjur variable get -i ${SECRET_NAME})" || exit 1
export PINECONE_API_KEY

${shellClient()}
`,
    },
  },
};

/** The end of every Ruby snippet: a small client for Pinecone's REST API, given `api_key`. */
function rubyClient(): string {
  return `PINECONE_API_VERSION = "2025-10"

def pinecone_get(api_key, path)
  uri = URI("https://api.pinecone.io#{path}")
  request = Net::HTTP::Get.new(uri)
  request["Api-Key"] = api_key
  request["X-Pinecone-Api-Version"] = PINECONE_API_VERSION
  request["Accept"] = "application/json"
  response = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(request) }
  raise "Pinecone answered #{response.code}" unless response.is_a?(Net::HTTPSuccess)
  JSON.parse(response.body)
end

puts pinecone_get(api_key, "/indexes").fetch("indexes", []).map { |index| index["name"] }`;
}

/** The end of every shell snippet: one REST call. The header goes through stdin, so the key never shows in `ps`. */
function shellClient(): string {
  return `printf 'Api-Key: %s\\n' "$PINECONE_API_KEY" |
  curl --fail --silent --show-error --header @- \\
    --header "X-Pinecone-Api-Version: 2025-10" \\
    https://api.pinecone.io/indexes`;
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** A snippet's code, exactly as printed (one trailing newline). */
export function snippetCode(language: RemediateLanguage, method: RemediateMethod): string {
  return SNIPPETS[language][method].code.replace(/^\n/, "").trimEnd() + "\n";
}

export function snippetInstall(language: RemediateLanguage, method: RemediateMethod): string {
  return SNIPPETS[language][method].install;
}

/** Other spellings people type; the canonical values are the ones listed everywhere. */
const LANGUAGE_ALIASES: Record<string, RemediateLanguage> = {
  py: "python",
  javascript: "js",
  node: "js",
  typescript: "ts",
  golang: "go",
  "c#": "csharp",
  cs: "csharp",
  dotnet: "csharp",
  rb: "ruby",
  sh: "shell",
  bash: "shell",
};

const METHOD_ALIASES: Record<string, RemediateMethod> = {
  environment: "env",
};

/** The language for a --lang value (case-insensitive, a few aliases), or undefined. */
export function parseLanguage(value: string): RemediateLanguage | undefined {
  const lower = value.trim().toLowerCase();
  if ((REMEDIATE_LANGUAGES as readonly string[]).includes(lower)) return lower as RemediateLanguage;
  return LANGUAGE_ALIASES[lower];
}

/** The method for a --via value (case-insensitive), or undefined. */
export function parseMethod(value: string): RemediateMethod | undefined {
  const lower = value.trim().toLowerCase();
  if ((REMEDIATE_METHODS as readonly string[]).includes(lower)) return lower as RemediateMethod;
  return METHOD_ALIASES[lower];
}

/** "a, b, c or d" */
export function listing(values: readonly string[]): string {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/**
 * The `--lang` whose program fits a file a key was found in, or undefined for files that are not
 * programs (.env, YAML, JSON, config files, docs): their fix is in the report itself, and a shell
 * program would be the wrong advice for them.
 */
export function remediateLanguageFor(path: string): RemediateLanguage | undefined {
  const language: LanguageId = languageOf(path);
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  switch (language) {
    case "python":
    case "notebook":
      return "python";
    case "javascript":
      return "js";
    case "typescript":
      return "ts";
    case "go":
      return "go";
    case "java": // also Kotlin and Scala files: the Java client serves the JVM
      return "java";
    case "csharp":
    case "vb": // the .NET client serves VB.NET too; the C# snippet is the nearest
      return "csharp";
    case "ruby":
      return "ruby";
    case "shell":
      return base === "dockerfile" || base.startsWith("dockerfile.") || base === "makefile" ? undefined : "shell";
    default:
      return undefined;
  }
}

/**
 * The `remediate` flags for a file a key was found in, e.g. `--lang python --via env` for app.py,
 * so a report can print `pinekey-hook remediate --lang python --via env`; undefined when no
 * program fits the file (see remediateLanguageFor).
 */
export function remediateFlagsFor(path: string): string | undefined {
  const language = remediateLanguageFor(path);
  return language === undefined ? undefined : `--lang ${language} --via ${REMEDIATE_METHODS[0]}`;
}

// ---------------------------------------------------------------------------------------------
// Rendering

export const ROTATION_HEADING = "If the key was ever committed, pushed, shared or pasted anywhere, rotate it:";

export const ROTATION_STEPS: readonly string[] = [
  "Create a new key in the Pinecone console: your project > API keys > Create API key.\n" +
    "Copy it straight into your secret store: it is shown only once.\n" +
    "With a service account, `pinekey-hook rotate` does steps 1-3 through the Admin API.",
  "Update every service that uses the key, staging first, then production.\n" +
    "`pinekey-hook inventory` lists every place in the repository that reads the key.",
  "Delete the old key in the console once everything runs on the new one.",
  "Watch usage afterwards: indexes or operations you do not know, and spikes in reads,\n" +
    "writes or cost. Anything unexplained means someone else had the key.",
];

export function renderRotationChecklist(): string {
  const lines = [kleur.bold(ROTATION_HEADING)];
  ROTATION_STEPS.forEach((step, i) => {
    const [first, ...rest] = wrap(step, 75);
    lines.push(`  ${i + 1}. ${first}`);
    for (const line of rest) lines.push(`     ${line}`);
  });
  return lines.join("\n") + "\n";
}

export interface RenderOptions {
  /** --lang was not given, so the language was chosen for the person. */
  languageDefaulted?: boolean;
  /** --via was not given, so the method was chosen for the person. */
  methodDefaulted?: boolean;
}

/**
 * The snippet for one language and method, and apart from it the prose: what it is, what to
 * install, its notes, how to ask for another, then the rotation checklist. The command writes the
 * program alone to stdout, so `pinekey-hook remediate --lang python > main.py` saves a program
 * that runs, and the prose to stderr, where a terminal still shows it (after the code).
 */
export function renderRemediation(
  language: RemediateLanguage,
  method: RemediateMethod,
  options: RenderOptions = {},
): { program: string; prose: string } {
  const info = LANGUAGE_INFO[language];
  const flags = `--lang ${language} --via ${method}`;
  const out: string[] = [
    "",
    ...wrap(`${info.label} code: the Pinecone API key ${METHOD_INFO[method].label}.`).map((line) => kleur.bold(line)),
    ...wrap(`Uses ${info.client}. Install: ${snippetInstall(language, method)}`),
    `Save it as ${info.file.replace(/ \(.*\)$/, "")} (the code alone is on stdout):`,
    `  pinekey-hook remediate ${flags} > ${info.file.replace(/ \(.*\)$/, "")}`,
    "",
    ...wrap(METHOD_INFO[method].note),
  ];
  if (options.languageDefaulted) {
    const others = REMEDIATE_LANGUAGES.filter((l) => l !== "shell").join("|");
    out.push(`Shown for the shell since no --lang was given. For code:`);
    out.push(`  pinekey-hook remediate --via ${method} --lang ${others}`);
  }
  if (options.methodDefaulted) {
    const others = REMEDIATE_METHODS.filter((m) => m !== method).join("|");
    out.push(`The environment variable is the first recommendation. Other ways:`);
    out.push(`  pinekey-hook remediate --lang ${language} --via ${others}`);
  }
  out.push("");
  return { program: snippetCode(language, method).replace(/^\n+/, ""), prose: out.join("\n") + "\n" + renderRotationChecklist() };
}

/** `pinekey-hook remediate` with no flags: what can be chosen. */
export function renderChoices(): string {
  const languageWidth = Math.max(...REMEDIATE_LANGUAGES.map((l) => l.length));
  const methodWidth = Math.max(...REMEDIATE_METHODS.map((m) => m.length));
  const lines = [
    "Usage: pinekey-hook remediate --lang <language> --via <method>",
    "",
    "Prints a complete snippet that reads the Pinecone API key (PINECONE_API_KEY) the chosen way and",
    "creates the Pinecone client, then the checklist for rotating a leaked key.",
    "",
    kleur.bold("Languages (--lang):"),
    ...REMEDIATE_LANGUAGES.map((l) => `  ${l.padEnd(languageWidth)}  ${LANGUAGE_INFO[l].label}: ${LANGUAGE_INFO[l].client}`),
    "",
    kleur.bold("Methods (--via), in order of recommendation:"),
    ...REMEDIATE_METHODS.map((m) => `  ${m.padEnd(methodWidth)}  the key ${METHOD_INFO[m].label}`),
    "",
    `With --lang alone the method is ${REMEDIATE_METHODS[0]}; with --via alone the language is shell.`,
    "",
    kleur.bold("Example:"),
    "  pinekey-hook remediate --lang python --via env",
  ];
  return lines.join("\n") + "\n";
}
