export {};
//# sourceMappingURL=readme-reference.test.d.ts.map