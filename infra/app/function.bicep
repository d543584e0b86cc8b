param planName string
param appName string
param location string
param tags object

@description('Resource id and client id of the user-assigned identity the app runs as.')
param identityId string
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainer string
param appInsightsConnectionString string
param keyVaultUri string
param appIdSecretName string
param userKeySecretName string
param apiKeySecretName string

@description('The account is on the classic API (legacy): its API key is referenced instead of the V3 AppId and UserKey.')
param classicApi bool
param signingKeySecretName string
param notificationSecretName string

@description('Settings of the app (Section__Key), merged over the platform settings below.')
param appSettings object

param instanceMemoryMB int
param maximumInstanceCount int

// Flex Consumption: scales to zero, per-execution billing, identity-based storage; see README "Deploy to Azure".
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No FTP or basic-auth deployment: azd deploys with Entra ID.
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// A separate resource, so settings can name the app's own host (known only once the site exists).
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, classicApi ? {
    AiStudios__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${apiKeySecretName}/)'
  } : {
    AiStudios__AppId: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${appIdSecretName}/)'
    AiStudios__UserKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${userKeySecretName}/)'
  }, {
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Storage__BlobServiceUri: storageBlobEndpoint
    Storage__ClientId: identityClientId
    Webhook__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
    Webhook__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${signingKeySecretName}/)'
    Notifications__SigningSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${notificationSecretName}/)'
  })
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
