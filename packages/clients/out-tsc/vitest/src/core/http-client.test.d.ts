export {};
//# sourceMappingURL=http-client.test.d.ts.map