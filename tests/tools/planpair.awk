# Generates a pair of annual plan texts for the carry-over's tests and its
# benchmark (issue 18): the earlier year's plan and the later year's, of N
# tasks each, heavy with 《》 titles (some Latin, some that hold nothing but
# common plan words, so that a task may have titles and no bigram), a later
# plan that continues about half of the earlier plan's tasks (the same titles,
# words shuffled, sometimes another lead) and adds new ones.
#   awk -v year=2024 -v n=500 -v seed=7 -v out=DIR -f planpair.awk
# writes DIR/early.txt (YEAR-1) and DIR/late.txt (YEAR). Deterministic for
# a seed and an awk.
function pick(arr, n) { return arr[int(rand() * n) + 1] }
function words(k,    s, i) { s = ""; for (i = 0; i < k; i++) s = s pick(W, nw); return s }
function titles(k,    s, i) { s = ""; for (i = 0; i < k; i++) s = s "《" pick(T, nt) "》"; return s }
function task(    t, k) {
	k = int(rand() * 4)
	if (rand() < 0.15)          # only common plan words and bare titles: no bigram at all
		return pick(VC, nvc) "《" pick(TB, ntb) "》" (rand() < 0.5 ? "《" pick(TB, ntb) "》" : "") "。"
	t = pick(V, nv) titles(k) words(1 + int(rand() * 4))
	if (rand() < 0.3) t = t "，" pick(V, nv) words(1 + int(rand() * 3))
	return t "。"
}
function depts(    s, k, i, d, used) {
	k = 1 + int(rand() * 3); s = ""
	for (i = 0; i < k; i++) { d = pick(D, nd); if (!(d in used)) { used[d] = 1; s = s (s == "" ? "" : "、") d } }
	return s
}
function shuffle_words(t,    parts, n, i, j, x, s) {
	# keep the titles, reorder the pieces between the commas
	n = split(t, parts, "，")
	for (i = n; i > 1; i--) { j = int(rand() * i) + 1; x = parts[i]; parts[i] = parts[j]; parts[j] = x }
	s = ""
	for (i = 1; i <= n; i++) { sub(/。$/, "", parts[i]); s = s (i > 1 ? "，" : "") parts[i] }
	return s "。"
}
function write(file, y, texts, leads, n,    i, ch, sec) {
	printf "%d年某省知识产权强省建设推进计划\n\n", y > file
	for (i = 1; i <= n; i++) {
		if ((i - 1) % 100 == 0) { ch++; sec = 0; printf "%s、第%d部分\n\n", CN[(ch - 1) % 10 + 1], ch > file }
		if ((i - 1) % 20 == 0) { sec++; printf "（%s）第%d节\n\n", CN[(sec - 1) % 10 + 1], sec > file }
		printf "%d. %s（%s负责）\n\n", i, texts[i], leads[i] > file
	}
	close(file)
}
BEGIN {
	srand(seed)
	nw = split("专利 商标 版权 地理标志 审查 质量 保护 运用 服务 数据 标准 海关 执法 司法 仲裁 调解 " \
		"质押 融资 评估 监测 统计 人才 培训 国际 合作 区域 平台 园区 企业 高校 农业 植物 品种 " \
		"中医药 传统 遗传 资源 集成电路 布图 商业秘密 反垄断 竞争 信用 惩戒 转化 许可 运营 " \
		"导航 预警 维权 援助 快速 中心 试点 示范 城市 县域 品牌 文化 宣传 教育 普及 网络 平台经济 " \
		"人工智能 大数据 区块链 生物医药 新能源 种业 海外 纠纷 应对 指引 清单 目录 名录 档案", W, " ")
	nt = split("商标法 专利法 著作权法 反不正当竞争法 植物新品种保护条例 集成电路布图设计保护条例 " \
		"知识产权海关保护条例 中医药传统知识保护条例 国防专利条例 专利审查指南 商标审查审理指南 " \
		"地理标志产品保护办法 标准必要专利反垄断指引 公平竞争审查条例 数据知识产权登记办法 " \
		"TRIPS PCT WIPO Rules 知识产权 推进 加强知识产权 加快推进 中华人民共和国商标法 " \
		"知识产权强国建设纲要 十四五规划 专利开放许可办法 商业秘密保护规定 地理标志统一认定制度 " \
		"知识产权信用管理规定 知识产权纠纷调解规则 专利代理条例 商标代理监督管理规定", T, " ")
	nv = split("推进 加快 加强 完善 开展 推动 深入实施 研究制定 修订 制定出台 健全 持续 做好", V, " ")
	nvc = split("推进 加快 加强 完善 开展 推动", VC, " ")      # common plan words alone
	ntb = split("TRIPS PCT WIPO Rules 知识产权 推进", TB, " ")  # titles without a bigram
	nd = split("国家知识产权局 中央宣传部 市场监管总局 最高人民法院 最高人民检察院 公安部 司法部 " \
		"财政部 商务部 海关总署 农业农村部 国家林草局 科技部 工业和信息化部 教育部 " \
		"国家中医药局 国家卫生健康委 文化和旅游部 中央网信办", D, " ")
	split("一 二 三 四 五 六 七 八 九 十", CN, " ")
	for (i = 1; i <= n; i++) { E[i] = task(); EL[i] = depts() }
	for (i = 1; i <= n; i++) {
		if (rand() < 0.5) {
			j = int(rand() * n) + 1
			r = rand()
			L[i] = r < 0.33 ? shuffle_words(E[j]) : r < 0.67 ? E[j] : E[j] "，" pick(V, nv) words(2)
			LL[i] = rand() < 0.8 ? EL[j] : depts()
		} else {
			L[i] = task(); LL[i] = depts()
		}
	}
	write(out "/early.txt", year - 1, E, EL, n)
	write(out "/late.txt", year, L, LL, n)
}
