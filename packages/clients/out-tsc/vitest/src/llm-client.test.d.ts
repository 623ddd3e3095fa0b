export {};
//# sourceMappingURL=llm-client.test.d.ts.map