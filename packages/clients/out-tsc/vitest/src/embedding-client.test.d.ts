export {};
//# sourceMappingURL=embedding-client.test.d.ts.map