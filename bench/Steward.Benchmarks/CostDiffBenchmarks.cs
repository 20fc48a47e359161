using System.Text;
using BenchmarkDotNet.Attributes;
using Steward.Changes;
using Steward.Core.Pricing;

/// <summary>
/// The cost of a pull request's change on a big stack: two templates of 1,000 resources each (servers with volumes, Auto
/// Scaling groups, functions, tables, buckets, queues, topics, databases, free IAM roles), a fifth of them changed, read
/// from disk, resolved, priced and diffed. The goal is under a second in process; <c>cost-templates DIR</c> writes the pair
/// for timing the whole command as a fresh process (hyperfine).
/// </summary>
[MemoryDiagnoser]
public class CostDiff
{
    private string _base = "", _head = "";
    private Estimator _estimator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Directory.CreateTempSubdirectory("steward-cost-bench-").FullName;
        (_base, _head) = BigTemplates.Write(dir);
        _estimator = new Estimator(new Pricer(PriceCatalog.Load(), new DateOnly(2026, 11, 26)), UsageFile.None, new Dictionary<string, string>());
    }

    [Benchmark(Description = "diff of two 1,000-resource templates")]
    public decimal Diff() => _estimator.Diff(_base, _head).Difference;
}

internal static class BigTemplates
{
    public static (string Base, string Head) Write(string dir)
    {
        var basePath = Path.Combine(dir, "base.yaml");
        var headPath = Path.Combine(dir, "head.yaml");
        File.WriteAllText(basePath, Template(changed: false));
        File.WriteAllText(headPath, Template(changed: true));
        return (basePath, headPath);
    }

    private static string Template(bool changed)
    {
        var sb = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\n");
        sb.Append("Parameters:\n  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n");
        sb.Append("Globals:\n  Function: { Runtime: dotnet10, MemorySize: 512, Architectures: [arm64] }\nResources:\n");
        for (var i = 0; i < 1000; i++)
        {
            var bigger = changed && i % 5 == 0; // a fifth of the resources change
            sb.Append((i % 10) switch
            {
                0 => $"  Server{i}:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: !If [IsProd, {(bigger ? "m6i.xlarge" : "m6i.large")}, t3.small]\n" +
                     $"      BlockDeviceMappings: [{{ DeviceName: /dev/xvda, Ebs: {{ VolumeType: gp3, VolumeSize: {(bigger ? 200 : 100)} }} }}]\n",
                1 => $"  Volume{i}:\n    Type: AWS::EC2::Volume\n    Properties: {{ VolumeType: io2, Size: 500, Iops: {(bigger ? 16000 : 8000)}, AvailabilityZone: us-east-1a }}\n",
                2 => $"  Fn{i}:\n    Type: AWS::Serverless::Function\n    Properties: {{ Handler: h, CodeUri: src/, MemorySize: {(bigger ? 1024 : 512)} }}\n",
                3 => $"  Table{i}:\n    Type: AWS::DynamoDB::Table\n    Properties: {{ BillingMode: PROVISIONED, ProvisionedThroughput: {{ ReadCapacityUnits: {(bigger ? 50 : 25)}, WriteCapacityUnits: 10 }} }}\n",
                4 => $"  Bucket{i}:\n    Type: AWS::S3::Bucket\n    Properties: {{ BucketName: !Sub \"data-${{Env}}-{i}\" }}\n",
                5 => $"  Queue{i}:\n    Type: AWS::SQS::Queue\n    Properties: {{ FifoQueue: {(bigger ? "true" : "false")} }}\n",
                6 => $"  Db{i}:\n    Type: AWS::RDS::DBInstance\n    Properties: {{ DBInstanceClass: db.t3.large, Engine: postgres, EngineVersion: \"16.4\", AllocatedStorage: \"{(bigger ? 200 : 100)}\", MultiAZ: !If [IsProd, true, false] }}\n",
                7 => $"  Role{i}:\n    Type: AWS::IAM::Role\n    Properties: {{ AssumeRolePolicyDocument: {{ Version: \"2012-10-17\" }} }}\n",
                8 => $"  Logs{i}:\n    Type: AWS::Logs::LogGroup\n    Properties: {{ RetentionInDays: 30 }}\n",
                _ => $"  Nat{i}:\n    Type: AWS::EC2::NatGateway\n    Properties: {{ SubnetId: subnet-{i} }}\n",
            });
        }
        return sb.ToString();
    }
}
