// Loaded into Playwright's driver (Node) before its own code, through NODE_OPTIONS=--require
// (see shopper/probes/chat/node_options.py). V8's --optimize-for-size is not allowed in
// NODE_OPTIONS itself; set here, before the driver allocates, it makes the old generation
// grow by a smaller factor after each collection, so the driver's garbage is collected sooner.
require('v8').setFlagsFromString('--optimize-for-size');
