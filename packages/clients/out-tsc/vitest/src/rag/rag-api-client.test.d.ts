export {};
//# sourceMappingURL=rag-api-client.test.d.ts.map