/** Narwhal + Bullshark consensus core: a pure state machine (no threads, sockets, clocks or randomness). */
package io.quantumsafe.consensus;
