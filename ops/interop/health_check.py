#!/usr/bin/env python3
"""Checks civitasd with a gRPC client that is not ours: Python grpcio with
grpcio-health-checking. Over TLS, trusting the server's development CA, the standard
grpc.health.v1.Health/Check must answer SERVING; a plaintext client must be refused.

usage: health_check.py HOST:PORT CA_PEM
"""
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def main():
    address, ca = sys.argv[1], sys.argv[2]
    request = health_pb2.HealthCheckRequest(service="")
    with open(ca, "rb") as f:
        credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
    with grpc.secure_channel(address, credentials) as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(request, timeout=10)
        status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
        print(f"interop: TLS health check of {address}: {status}")
        if status != "SERVING":
            sys.exit(f"interop: expected SERVING, got {status}")
    with grpc.insecure_channel(address) as channel:
        try:
            health_pb2_grpc.HealthStub(channel).Check(request, timeout=5)
        except grpc.RpcError as error:
            print(f"interop: plaintext client refused ({error.code().name})")
        else:
            sys.exit("interop: a plaintext client was served; TLS is not enforced")


if __name__ == "__main__":
    main()
