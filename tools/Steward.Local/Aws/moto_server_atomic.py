"""moto_server, with two of AWS's guarantees that moto does not keep under concurrent requests and that Steward relies on.

moto's server answers each request on a thread of its own, and its backends hold no lock:
- a DynamoDB conditional write (PutItem with attribute_not_exists, the instance API's idempotency claim) checks its
  condition and then writes, so two requests at once can both pass the check; DynamoDB itself makes them atomic;
- EC2 RunInstances ignores ClientToken, so a retried launch with the same token launches again; EC2 answers the first
  launch's reservation.
The local runner and the tests start moto through this file (bench/load found two servers built for one request number
sent four times at once). Everything else is moto as it is. Without moto importable here, it runs moto_server unchanged.
"""
import os
import sys
import threading

try:
    from moto.dynamodb.models import DynamoDBBackend
    from moto.ec2.models.instances import InstanceBackend
    from moto.server import main
except ImportError:
    os.execvp("moto_server", ["moto_server", *sys.argv[1:]])

_lock = threading.RLock()


def _atomic(method):
    def atomic(*args, **kwargs):
        with _lock:
            return method(*args, **kwargs)

    atomic.__name__ = method.__name__
    return atomic


for _name in ("put_item", "update_item", "delete_item", "transact_write_items"):
    setattr(DynamoDBBackend, _name, _atomic(getattr(DynamoDBBackend, _name)))

_run_instances = InstanceBackend.run_instances
_NOT_GIVEN = "ABCDE"  # what moto's EC2 responses pass as the ClientToken when the request has none


def _run_instances_once(self, image_id, count, user_data, security_group_names, **kwargs):
    token = kwargs.get("client_token")
    if token and token != _NOT_GIVEN:
        for reservation in self.reservations.values():
            if any(getattr(instance, "client_token", None) == token for instance in reservation.instances):
                return reservation
    return _run_instances(self, image_id, count, user_data, security_group_names, **kwargs)


InstanceBackend.run_instances = _atomic(_run_instances_once)

if __name__ == "__main__":
    sys.exit(main())
