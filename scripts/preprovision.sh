#!/bin/sh
# Keeps one webhook signing key per azd environment: generated on first provision, reused after.
set -eu
if [ -z "$(azd env get-value WEBHOOK_SIGNING_KEY 2>/dev/null || true)" ]; then
  key=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=' | head -c 64)
  azd env set WEBHOOK_SIGNING_KEY "$key" >/dev/null
  echo "Generated a webhook signing key for this environment (kept in the azd environment, stored in Key Vault)."
fi
if [ -z "$(azd env get-value NOTIFICATION_SIGNING_SECRET 2>/dev/null || true)" ]; then
  # Standard Webhooks format: whsec_ and the base64 of 32 random bytes. Receivers verify notifications with it.
  azd env set NOTIFICATION_SIGNING_SECRET "whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >/dev/null
  echo "Generated a notification signing secret (give it to your receivers: azd env get-value NOTIFICATION_SIGNING_SECRET)."
fi
if [ -z "$(azd env get-value AISTUDIOS_APP_ID 2>/dev/null || true)" ] && [ -z "$(azd env get-value AISTUDIOS_API_KEY 2>/dev/null || true)" ]; then
  echo "Note: no AI Studios credentials are set. Set your V3 AppId and UserKey (account.aistudios.com, API key page) before 'azd up':"
  echo "      azd env set AISTUDIOS_APP_ID <app id> && azd env set AISTUDIOS_USER_KEY <user key>"
  echo "      or afterwards: az keyvault secret set --vault-name <vault> --name AiStudiosAppId --value <app id> (and AiStudiosUserKey)."
  echo "      A classic (legacy) account sets AISTUDIOS_API_KEY and AISTUDIOS_BASE_URL=https://v2.aistudios.com instead."
fi
