export {};
//# sourceMappingURL=vector-db-client.test.d.ts.map