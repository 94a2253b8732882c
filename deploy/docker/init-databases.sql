-- One database per service (docs/design.md: each service owns its data).
CREATE DATABASE order_service;
CREATE DATABASE dispatch_service;
CREATE DATABASE courier_adapter;
