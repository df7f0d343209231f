using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Ops.Aws;

/// <summary>Credentials the way the AWS CLI and SDKs find them.</summary>
public static class AwsCredentialChain
{
    /// <summary>
    /// Resolves credentials from the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the
    /// profile in ~/.aws, container and instance roles). Throws with what to set when none is found.
    /// </summary>
    public static AWSCredentials Resolve()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException e)
        {
            throw new InvalidOperationException(
                "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE with ~/.aws/credentials, or run on an instance with an IAM role (" + e.Message + ")", e);
        }
    }
}
