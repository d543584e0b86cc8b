#!/bin/sh
# Creates or updates the Event Grid subscription that delivers BlobCreated events for scripts/ to the
# ScriptBlobStarter function. Idempotent: safe to run on every deploy.
set -eu
rg=$(azd env get-value AZURE_RESOURCE_GROUP)
app=$(azd env get-value AZURE_FUNCTION_APP_NAME)
topic=$(azd env get-value EVENT_GRID_SYSTEM_TOPIC_NAME)
storage=$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME)

# The key appears once the host has started with the blob extension; wait for it rather than fail.
key=""
for attempt in 1 2 3 4 5 6 7 8 9 10 11 12; do
  key=$(az functionapp keys list --resource-group "$rg" --name "$app" --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "Waiting for the app's blobs_extension key (attempt $attempt)..."
  sleep 10
done
if [ -z "$key" ]; then
  echo "The blobs_extension key did not appear; run ./scripts/postdeploy.sh again once the app has started." >&2
  exit 1
fi

host=$(az functionapp show --resource-group "$rg" --name "$app" --query "properties.defaultHostName" --output tsv)
endpoint="https://$host/runtime/webhooks/blobs?functionName=Host.Functions.ScriptBlobStarter&code=$key"
az eventgrid system-topic event-subscription create \
  --resource-group "$rg" \
  --system-topic-name "$topic" \
  --name scripts-blob-created \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/scripts/" \
  --output none
echo "Event Grid delivers uploads in $storage/scripts to $app."
