targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the azd environment; used in resource names and tags.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('Principal id of the deployer (azd sets it): gets blob and Key Vault secret rights to operate the app. Empty for none.')
param principalId string = ''

@allowed([ 'User', 'ServicePrincipal', 'Group' ])
@description('Kind of the deployer principal: User for a person, ServicePrincipal for CI.')
param principalType string = 'User'

@description('AI Studios API host: https://app.aistudios.com (V3; China: https://app.aistudios.cn), or https://v2.aistudios.com for a classic account.')
param aiStudiosBaseUrl string = 'https://app.aistudios.com'

@secure()
@description('V3 AppId (account.aistudios.com), written to Key Vault. Empty: set it afterwards with az keyvault secret set (README).')
param aiStudiosAppId string = ''

@secure()
@description('V3 UserKey, written to Key Vault. Empty: set it afterwards with az keyvault secret set (README).')
param aiStudiosUserKey string = ''

@secure()
@description('Classic (legacy) API key, written to Key Vault. Given without an AppId, the app speaks the classic API.')
param aiStudiosApiKey string = ''

@description('V3 project designed in the web editor that plain-text scripts render through (24 hex). Empty: scripts use simple/video.')
param scriptTemplateProjectId string = ''

@secure()
@description('HMAC key for callback tokens (at least 32 characters); the preprovision hook generates and keeps one.')
param webhookSigningKey string

@secure()
@description('Standard Webhooks secret (whsec_ + base64) that signs completion notifications; the preprovision hook generates and keeps one.')
param notificationSigningSecret string

@description('Also copy each finished video into videos/{id}.mp4.')
param copyVideo bool = true

@description('Give up on a render this long after submission (TimeSpan).')
param deadline string = '00:45:00'

@description('First progress check when no callback is expected (TimeSpan).')
param firstPollDelay string = '00:00:30'

@description('Longest gap between progress checks (TimeSpan).')
param maxPollInterval string = '00:01:00'

@description('First progress check when a callback is expected: the safety net for a lost callback (TimeSpan).')
param webhookFallbackDelay string = '00:12:00'

@description('Fail a render whose progress has not moved for this long (TimeSpan).')
param stallTimeout string = '00:15:00'

@description('Avatar, outfit and language for plain-text (.txt) scripts.')
param scriptDefaultModel string = 'M000004017'
param scriptDefaultClothes string = 'BG00006160'
param scriptDefaultLanguage string = 'en'

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

var abbreviations = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbreviations.functionApp}${resourceToken}'
var deploymentContainer = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbreviations.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: '${abbreviations.managedIdentity}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: '${abbreviations.logAnalyticsWorkspace}${resourceToken}'
    appInsightsName: '${abbreviations.appInsights}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: '${abbreviations.storageAccount}${resourceToken}'
    location: location
    tags: tags
    containers: [ 'scripts', 'scripts-rejected', 'scripts-processed', 'videos', 'job-state' ]
    deploymentContainer: deploymentContainer
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: '${abbreviations.keyVault}${resourceToken}'
    location: location
    tags: tags
    aiStudiosAppId: aiStudiosAppId
    aiStudiosUserKey: aiStudiosUserKey
    aiStudiosApiKey: aiStudiosApiKey
    webhookSigningKey: webhookSigningKey
    notificationSigningSecret: notificationSigningSecret
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: resourceGroup
  params: {
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module function 'app/function.bicep' = {
  name: 'function'
  scope: resourceGroup
  dependsOn: [ rbac ]
  params: {
    planName: '${abbreviations.servicePlan}${resourceToken}'
    appName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainer: deploymentContainer
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    appIdSecretName: keyVault.outputs.appIdSecretName
    userKeySecretName: keyVault.outputs.userKeySecretName
    apiKeySecretName: keyVault.outputs.apiKeySecretName
    classicApi: !empty(aiStudiosApiKey) && empty(aiStudiosAppId)
    signingKeySecretName: keyVault.outputs.signingKeySecretName
    notificationSecretName: keyVault.outputs.notificationSecretName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    // Every setting the code reads (local.settings.sample.json lists the same keys; a test compares them).
    appSettings: {
      TASKHUB_NAME: 'SynthFunctions'
      // Flex Consumption cannot poll blob containers: uploads arrive through Event Grid (ScriptBlobStarter), so the
      // polling twin that serves local runs is switched off here.
      'AzureWebJobs.ScriptBlobPoller.Disabled': 'true'
      AiStudios__BaseUrl: aiStudiosBaseUrl
      AiStudios__TokenLifetime: '1.00:00:00'
      // Notifications go to public https receivers only; the retry schedule is the code's (Svix's) default.
      Notifications__AllowLoopbackHttp: 'false'
      Notifications__AttemptTimeout: '00:00:15'
      Batch__MaxConcurrentRenders: '10'
      AiStudios__TokenRenewalMargin: '00:30:00'
      AiStudios__WebhookField: 'webhook'
      AiStudios__ProjectNameField: 'projectName'
      AiStudios__AttemptTimeout: '00:00:20'
      AiStudios__TotalTimeout: '00:01:30'
      AiStudios__MaxRetries: '3'
      AiStudios__RetryBaseDelay: '00:00:01'
      AiStudios__MaxRetryDelay: '00:00:10'
      AiStudios__MaxInCallRetryAfter: '00:00:10'
      AiStudios__CircuitFailureRatio: '0.5'
      AiStudios__CircuitMinimumThroughput: '20'
      AiStudios__CircuitSamplingDuration: '00:00:30'
      AiStudios__CircuitBreakDuration: '00:00:15'
      Storage__ScriptsContainer: 'scripts'
      Storage__RejectedContainer: 'scripts-rejected'
      Storage__ProcessedContainer: 'scripts-processed'
      Storage__VideosContainer: 'videos'
      Storage__StateContainer: 'job-state'
      Storage__VideoCopyMode: 'ServerSide'
      Synthesis__CopyVideo: string(copyVideo)
      Synthesis__FirstPollDelay: firstPollDelay
      Synthesis__PollGrowthFactor: '1.5'
      Synthesis__MaxPollInterval: maxPollInterval
      Synthesis__WebhookFallbackDelay: webhookFallbackDelay
      Synthesis__Deadline: deadline
      Synthesis__StallTimeout: stallTimeout
      Synthesis__MaxSubmitAttempts: '7'
      Synthesis__SubmitRetryDelay: '00:00:15'
      Synthesis__MaxPollsPerExecution: '20'
      ScriptDefaults__Model: scriptDefaultModel
      ScriptDefaults__Clothes: scriptDefaultClothes
      ScriptDefaults__Language: scriptDefaultLanguage
      ScriptDefaults__TemplateProjectId: scriptTemplateProjectId
      ScriptDefaults__LocationX: '0'
      ScriptDefaults__LocationY: '0'
      ScriptDefaults__Scale: '1'
    }
  }
}

module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: resourceGroup
  params: {
    name: '${abbreviations.eventGridSystemTopic}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
  }
}

// Names and endpoints only: no keys, connection strings or secrets.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = subscription().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = function.outputs.name
output SERVICE_API_ENDPOINT_URL string = 'https://${function.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output EVENT_GRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
