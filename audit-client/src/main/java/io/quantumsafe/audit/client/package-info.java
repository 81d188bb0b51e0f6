package io.quantumsafe.audit.client;
