#!/bin/sh
# Keeps one webhook signing key per azd environment: generated on first provision, reused after.
set -eu
if [ -z "$(azd env get-value WEBHOOK_SIGNING_KEY 2>/dev/null || true)" ]; then
  key=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=' | head -c 64)
  azd env set WEBHOOK_SIGNING_KEY "$key" >/dev/null
  echo "Generated a webhook signing key for this environment (kept in the azd environment, stored in Key Vault)."
fi
if [ -z "$(azd env get-value AISTUDIOS_API_KEY 2>/dev/null || true)" ]; then
  echo "Note: AISTUDIOS_API_KEY is not set. Set it before 'azd up' with: azd env set AISTUDIOS_API_KEY <key>"
  echo "      or afterwards with: az keyvault secret set --vault-name <vault> --name AiStudiosApiKey --value <key>"
fi
