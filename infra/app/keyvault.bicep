param name string
param location string
param tags object

@secure()
@description('V3: the account\'s AppId. Empty: no secret is written now; set it later with az keyvault secret set.')
param aiStudiosAppId string

@secure()
@description('V3: the account\'s UserKey. Empty: no secret is written now; set it later with az keyvault secret set.')
param aiStudiosUserKey string

@secure()
@description('Classic (legacy): the AI Studios API key. Empty: none is written.')
param aiStudiosApiKey string

@secure()
@description('HMAC key for per-job callback tokens.')
param webhookSigningKey string

@secure()
param notificationSigningSecret string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource appId 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(aiStudiosAppId)) {
  parent: vault
  name: 'AiStudiosAppId'
  properties: {
    value: aiStudiosAppId
    contentType: 'AI Studios V3 AppId'
  }
}

resource userKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(aiStudiosUserKey)) {
  parent: vault
  name: 'AiStudiosUserKey'
  properties: {
    value: aiStudiosUserKey
    contentType: 'AI Studios V3 UserKey'
  }
}

resource apiKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(aiStudiosApiKey)) {
  parent: vault
  name: 'AiStudiosApiKey'
  properties: {
    value: aiStudiosApiKey
    contentType: 'AI Studios API key'
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'WebhookSigningKey'
  properties: {
    value: webhookSigningKey
    contentType: 'HMAC key for webhook callback tokens'
  }
}

resource notificationSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'NotificationSigningSecret'
  properties: {
    value: notificationSigningSecret
    contentType: 'Standard Webhooks secret for completion notifications'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
output appIdSecretName string = 'AiStudiosAppId'
output userKeySecretName string = 'AiStudiosUserKey'
output apiKeySecretName string = 'AiStudiosApiKey'
output signingKeySecretName string = signingKey.name
output notificationSecretName string = notificationSecret.name
