package ask

import (
	"sync"
)

// The words fans use, by what they ask about. English entries are whole
// words or phrases (lower case, words as read splits them: "moon young");
// entries with Hangul are fragments found anywhere in the question with
// its spaces removed, so they must be long or distinctive enough not to
// occur inside other words.

var (
	season2Words = []string{
		"season 2", "season two", "season2", "s2", "second season", "2nd season",
		"renewed", "renewal", "renew", "sequel", "next season", "new season", "another season",
		"시즌2", "시즌투", "시즌 두", "속편", "후속작", "후속 시즌", "2기", "다음 시즌", "새 시즌",
	}
	// season2Details ask what only an announcement could say.
	season2Details = []string{
		"when", "date", "release", "released", "premiere", "air", "plot", "story", "cast", "who", "actors", "filming",
		"언제", "날짜", "방영일", "개봉", "줄거리", "내용", "출연", "캐스팅", "누구", "배우", "촬영",
	}

	// offTopic are personal questions the facts do not hold; a question
	// with one is never answered with the nearest fact (an actor's age
	// is not their character's).
	offTopic = []string{
		"married", "marry", "wife", "husband", "girlfriend", "boyfriend", "dating", "age", "old", "born",
		"birthday", "height", "tall", "weight", "instagram", "twitter", "salary", "paid", "worth", "mbti",
		"결혼", "나이", "몇살", "몇 살", "생일", "키가", "몸무게", "인스타", "열애", "여자친구", "남자친구", "출연료",
	}

	ratingWords = []string{
		"rating", "ratings", "rated", "rate", "viewership", "viewers", "views", "watched", "audience", "nielsen",
		"시청률", "닐슨", "시청자 수",
	}
	seoulWords   = []string{"seoul", "metropolitan", "capital area", "서울", "수도권"}
	tnmsWords    = []string{"tnms", "티엔엠에스"}
	highestWords = []string{"highest", "best", "top", "peak", "most", "record", "max", "maximum", "biggest", "최고", "제일 높", "가장 높", "젤 높", "높았"}
	lowestWords  = []string{"lowest", "worst", "least", "min", "minimum", "bottom", "최저", "제일 낮", "가장 낮", "젤 낮", "낮았"}
	averageWords = []string{"average", "avg", "mean", "overall", "평균"}

	awardWords = []string{
		"award", "awards", "win", "won", "wins", "winning", "winner", "nominated", "nomination", "nominations",
		"nominee", "prize", "prizes", "trophy", "emmy", "emmys", "baeksang", "baeksangs", "apan", "aaa",
		"수상", "상을", "상은", "상 받", "상 탔", "상받", "받은 상", "탄 상", "에미", "백상", "시상", "후보", "노미", "어워즈", "어워드", "무슨 상", "몇관왕", "몇 관왕",
	}
	// ceremonies narrow an award question; name is found (case-folded) in
	// the ceremony's English name.
	ceremonies = []struct {
		name  string
		words []string
	}{
		{"emmy", []string{"emmy", "emmys", "international emmy", "에미"}},
		{"baeksang", []string{"baeksang", "baeksangs", "백상"}},
		{"apan", []string{"apan", "에이판"}},
		{"asia artist", []string{"aaa", "asia artist", "아시아 아티스트"}},
	}
	// otherCeremonies are awards fans ask about that the facts record no
	// link to: the answer is an honest "I don't know", not the awards the
	// show did get.
	otherCeremonies = []string{
		"oscar", "oscars", "academy award", "golden globe", "golden globes", "grammy", "bafta", "cannes", "blue dragon",
		"오스카", "아카데미", "골든글로브", "그래미", "청룡",
	}

	// remakeWords ask about the Philippine remake, which is not Season 2:
	// they are read before the Season 2 words.
	remakeWords = []string{
		"remake", "remakes", "remade", "philippine", "philippines", "filipino", "pinoy", "ph version",
		"anne curtis", "joshua garcia", "carlo aquino", "abs cbn",
		"리메이크", "필리핀", "앤 커티스", "조슈아 가르시아", "카를로 아키노",
	}

	// ostWords ask about the soundtrack; composerWords about who wrote
	// the music, which is the music fact.
	ostWords = []string{
		"ost", "osts", "soundtrack", "soundtracks", "song", "songs", "sing", "sang", "sung", "sings", "singer", "singers",
		"singing", "track", "tracks", "album", "special track", "theme song",
		"노래", "삽입곡", "주제곡", "부른", "불렀", "부르", "가수", "음원", "앨범", "사운드트랙", "오에스티", "스페셜 트랙",
	}
	composerWords = []string{"composer", "composed", "music director", "score", "작곡", "음악 감독", "음악감독"}
	specialWords  = []string{"special", "스페셜"}
	albumWords    = []string{"album", "full album", "앨범"}

	// taleWords ask about Moon-young's fairy tales; with bookWords, about
	// the books they became (the books fact).
	taleWords = []string{
		"fairy tale", "fairy tales", "fairytale", "fairytales", "tale", "tales", "storybook", "storybooks",
		"picture book", "children s book", "children s books", "동화",
	}
	// taleAuthorWords ask who wrote or drew the tales: the books say.
	taleAuthorWords = []string{"wrote", "written", "write", "author", "illustrated", "illustrator", "illustrations", "drew", "drawn",
		"쓴", "그린", "그림", "작가", "삽화"}
	bookWords = []string{"book", "books", "published", "publish", "출간", "출판됐", "출판되", "동화책", "책으로", "실제 책"}

	// childWords ask about a character as a child.
	childWords = []string{
		"young", "younger", "child", "kid", "little", "childhood", "as a child", "as a kid", "child actor", "child actress",
		"어린", "아역", "어릴", "어렸을", "꼬마", "유년",
	}

	// personWords ask who plays someone.
	personWords = []string{
		"who", "plays", "play", "played", "playing", "actor", "actress", "portrays", "portrayed", "character", "role", "cast",
		"누구", "누가", "배우", "역", "연기", "맡", "캐릭터", "배역",
	}

	// auxiliaries open an English yes-no question; questionWords ask for
	// something other than a yes or a no.
	auxiliaries   = map[string]bool{"did": true, "does": true, "do": true, "has": true, "have": true, "is": true, "was": true, "were": true, "will": true, "can": true}
	questionWords = []string{"what", "which", "how many", "list", "무슨", "뭐", "무엇", "어떤", "몇", "어느"}

	watchWords = []string{
		"watch", "stream", "streaming", "netflix", "tving", "available", "where can i see",
		"넷플릭스", "티빙", "어디서 봐", "어디서 볼", "어디서 보", "볼 수 있", "보는 곳", "스트리밍", "시청 방법", "다시보기",
	}

	// plotWords ask what happens, which no fact here tells.
	plotWords = []string{
		"happen", "happens", "happened", "plot", "story", "spoiler", "spoilers", "ending", "end up", "die", "dies", "kiss",
		"줄거리", "내용", "결말", "스포", "죽", "키스",
	}

	lastEpisode  = []string{"finale", "last episode", "final episode", "last ep", "final ep", "마지막", "최종회", "최종화", "막화", "막회"}
	firstEpisode = []string{"first episode", "premiere", "pilot", "1st episode", "first ep", "첫회", "첫 회", "첫화", "첫 화", "첫방"}
	cardinals    = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"}
	ordinals     = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"}
)

// roleWords are what fans call characters without naming them, by the
// character's name; a name the store does not find is left out (the
// test of the lexicon says which).
var roleWords = []struct {
	phrases   []string
	character string
}{
	{[]string{"head nurse", "chief nurse", "수간호사"}, "Park Haeng-ja"},
	{[]string{"hospital director", "director of the hospital", "hospital s director", "head of the hospital", "hospital head", "병원장", "원장"}, "Oh Ji-wang"},
	{[]string{"ceo", "publisher", "출판사 대표"}, "Lee Sang-in"},
}

// releaseWords come before the number of an OST part or volume.
var releaseWords = []string{"part", "pt", "vol", "volume", "파트"}

// taleAliases are other English titles a tale goes by, by its title in
// the facts.
var taleAliases = []struct{ title, alias string }{
	{"Zombie Kid", "Zombie Child"},
}

// relationWords are the relation nouns fans use, by the noun the cast's
// descriptions use after "'s".
var relationWords = []struct {
	noun  string
	words []string
}{
	{"brother", []string{"brother", "bro", "hyung", "older brother", "big brother", "형", "형님", "친형", "오빠"}},
	{"father", []string{"father", "dad", "daddy", "papa", "아빠", "아버지", "아버님", "부친"}},
	{"mother", []string{"mother", "mom", "mum", "mommy", "mama", "엄마", "어머니", "어머님", "모친"}},
	{"friend", []string{"friend", "best friend", "bestie", "bff", "친구", "절친", "베프"}},
}

// otherRelations are relatives and ties the descriptions do not name
// ("Sang-tae's younger brother"): a question about one is not answered
// with the person it is named after.
var otherRelations = []string{
	"sister", "sibling", "siblings", "son", "daughter", "boss", "uncle", "aunt", "grandmother", "grandfather", "cousin",
	"동생", "남동생", "여동생", "누나", "언니", "아들", "딸", "상사", "삼촌", "이모", "고모", "할머니", "할아버지", "사촌",
}

// factWords are the words that ask for one show fact.
type factWords struct {
	key   string
	words []string
}

// factLexicon lists the show facts a question can ask for, most specific
// first ("music director" before "director"). Keys the facts do not have
// are skipped; "episodes" and "aired" come from the show's own fields.
var factLexicon = []factWords{
	{"music", []string{"music director", "composer", "composed", "score", "music", "음악 감독", "음악감독", "음악", "작곡"}},
	{"episodes", []string{"how many episodes", "number of episodes", "episode count", "how many eps", "몇 부작", "몇부작", "몇 회", "몇 화", "몇 편", "총 회차", "부작"}},
	{"writer", []string{"writer", "screenwriter", "wrote", "written", "write", "script", "screenplay", "scriptwriter", "based on", "webtoon", "novel", "작가", "극본", "각본", "대본", "원작", "웹툰", "썼"}},
	{"director", []string{"director", "directed", "directs", "directing", "pd", "감독", "연출", "피디"}},
	{"network", []string{"network", "channel", "broadcaster", "tvn", "station", "방송사", "채널", "방송국"}},
	{"runtime", []string{"runtime", "run time", "how long", "minutes", "length", "분량", "러닝타임", "몇 분"}},
	{"aired", []string{"when did it air", "when did it come out", "when was it released", "air date", "air", "airs", "airing", "aired", "premiered", "came out", "first air", "first aired", "release date", "방영", "첫방", "종영", "언제 나왔", "언제 했"}},
	{"genre", []string{"genre", "what kind of", "장르"}},
	{"korean_title", []string{"korean title", "original title", "korean name", "title in korean", "원제", "한국어 제목", "한국 제목"}},
	{"setting", []string{"setting", "set in", "where is it set", "take place", "takes place", "town", "배경"}},
	{"filming_locations", []string{"filmed", "filming", "location", "locations", "shot", "촬영지", "촬영 장소", "어디서 찍"}},
	{"production", []string{"production company", "produced", "producer", "production", "제작사"}},
	{"books", bookWords},
	{"hospital_motto", []string{"motto", "slogan", "표어", "슬로건"}},
	{"inspiration", []string{"inspiration", "inspired", "true story", "영감", "실화"}},
	{"distributor", []string{"distributor", "distributed", "배급"}},
	{"opening", []string{"opening", "intro", "stop motion", "claymation", "오프닝"}},
	{"remake", remakeWords},
	{"press_conference", []string{"press conference", "제작발표회"}},
	{"lead_return", []string{"military", "comeback", "복귀", "제대"}},
}

// squashWords gives every phrase of the lexicons its squashed spellings,
// once, when the first Parser is made (not when okbot starts: a server
// makes one only for the first /ask).
var squashWords = sync.OnceFunc(func() {
	squash(season2Words, season2Details, offTopic, ratingWords, seoulWords, tnmsWords, highestWords, lowestWords,
		averageWords, awardWords, otherCeremonies, questionWords, personWords, watchWords, plotWords, lastEpisode, firstEpisode,
		remakeWords, ostWords, composerWords, specialWords, albumWords, taleWords, taleAuthorWords, bookWords, childWords)
	for _, c := range ceremonies {
		squash(c.words)
	}
	for _, r := range roleWords {
		squash(r.phrases)
	}
	for _, f := range factLexicon {
		squash(f.words)
	}
})
